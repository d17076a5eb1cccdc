package com.ngx.agent.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatisticsTest {
  @Test
  void twoProportionZTestMatchesTheTextbook() {
    // 50/100 vs 30/100: pooled p = 0.4, z = 0.2 / sqrt(0.24 * 0.02) = 2.887, two-sided p = 0.0039
    assertEquals(0.0039, Statistics.twoProportionPValue(50, 100, 30, 100), 0.0002);
    // 12/100 vs 10/100: not significant
    assertTrue(Statistics.twoProportionPValue(12, 100, 10, 100) > 0.5);
    assertEquals(1.0, Statistics.twoProportionPValue(0, 0, 3, 10));
    assertEquals(1.0, Statistics.twoProportionPValue(0, 10, 0, 10));
    assertEquals(Statistics.twoProportionPValue(30, 100, 50, 100), Statistics.twoProportionPValue(50, 100, 30, 100), 1e-12);
  }

  @Test
  void erfcIsAccurate() {
    assertEquals(1.0, Statistics.erfc(0), 1e-7);
    assertEquals(0.157299207, Statistics.erfc(1), 1e-7);
    assertEquals(1.842700793, Statistics.erfc(-1), 1e-7);
    assertEquals(0.004677735, Statistics.erfc(2), 1e-8);
  }
}
