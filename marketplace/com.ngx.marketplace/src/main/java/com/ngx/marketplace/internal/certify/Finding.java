package com.ngx.marketplace.internal.certify;

import java.util.Locale;

/**
 * One result of one certification rule.
 *
 * @param rule the rule's id, e.g. {@code bytecode.forbidden} or {@code signature.untrusted}
 * @param severity how much it matters: any {@link Severity#ERROR} rejects the version
 * @param message what was found, where, and what to do about it
 */
public record Finding(String rule, Severity severity, String message) {

  /** How much a finding matters. */
  public enum Severity {
    INFO,
    WARNING,
    ERROR;

    /** The JSON spelling: {@code info}, {@code warning}, {@code error}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static Finding info(String rule, String message) {
    return new Finding(rule, Severity.INFO, message);
  }

  public static Finding warning(String rule, String message) {
    return new Finding(rule, Severity.WARNING, message);
  }

  public static Finding error(String rule, String message) {
    return new Finding(rule, Severity.ERROR, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
