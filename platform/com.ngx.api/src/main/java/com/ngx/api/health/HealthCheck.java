package com.ngx.api.health;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A named check that tells whether a part of the system can serve requests.
 *
 * <p>Register it as an OSGi service; the platform runs every registered check for
 * {@code GET /api/v1/health/ready} and reports each result by name. A check must answer
 * quickly (well under a second) and must not throw: report a failure as {@link Result#down}.
 */
@ConsumerType
public interface HealthCheck {

  /** The name under which the result is reported, e.g. {@code database}. */
  String name();

  /** Runs the check now. */
  Result check();

  /**
   * The outcome of one check.
   *
   * @param up whether the part can serve requests
   * @param detail a short human-readable explanation, never a secret
   */
  record Result(boolean up, String detail) {
    public static Result up(String detail) {
      return new Result(true, detail);
    }

    public static Result down(String detail) {
      return new Result(false, detail);
    }
  }
}
