package com.ngx.agent.internal.service;

/** Significance of a difference between two conversion rates (two-proportion z-test). */
public final class Statistics {
  private Statistics() {}

  /**
   * The two-sided p-value that rates {@code x1/n1} and {@code x2/n2} differ only by chance
   * (pooled two-proportion z-test); 1 when either sample is empty or nothing varies.
   */
  public static double twoProportionPValue(long x1, long n1, long x2, long n2) {
    if (n1 == 0 || n2 == 0) {
      return 1.0;
    }
    double p1 = (double) x1 / n1;
    double p2 = (double) x2 / n2;
    double p = (double) (x1 + x2) / (n1 + n2);
    double se = Math.sqrt(p * (1 - p) * (1.0 / n1 + 1.0 / n2));
    if (se == 0) {
      return 1.0;
    }
    double z = Math.abs(p1 - p2) / se;
    return Math.min(1.0, erfc(z / Math.sqrt(2)));
  }

  /** The complementary error function, fractional error below 1.2e-7 (Chebyshev fit, Numerical Recipes 6.2). */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1.0 / (1.0 + 0.5 * z);
    double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2.0 - r;
  }
}
