package com.ngx.billing.internal.calc;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * When to retry a failed payment: retry {@code i} happens {@code retryDays[i]} days after the first
 * failed attempt; when all retries are done the schedule is exhausted and the subscription is
 * suspended.
 *
 * <p>Rounding rule: none. A day is 24 hours on the {@link Instant} time line (UTC, no daylight
 * saving), so each retry keeps the time of day of the first failure.
 *
 * @param retryDays 1 to {@value #MAX_RETRIES} positive, strictly increasing day offsets from the first
 *     failure
 */
public record DunningSchedule(List<Integer> retryDays) {

  /** Most retries a schedule may have. */
  public static final int MAX_RETRIES = 20;

  /** Retries 1, 3, 5 and 7 days after the first failure. */
  public static final DunningSchedule DEFAULT = new DunningSchedule(List.of(1, 3, 5, 7));

  /**
   * Validates and copies the days. No rounding.
   *
   * @throws IllegalArgumentException if the list is empty, longer than {@value #MAX_RETRIES}, or its
   *     days are not positive and strictly increasing
   */
  public DunningSchedule {
    Objects.requireNonNull(retryDays, "retryDays");
    if (retryDays.isEmpty()) {
      throw new IllegalArgumentException("dunning schedule needs at least one retry day");
    }
    if (retryDays.size() > MAX_RETRIES) {
      throw new IllegalArgumentException(
          "dunning schedule has " + retryDays.size() + " retries, at most " + MAX_RETRIES
              + " allowed");
    }
    int previous = 0;
    for (int i = 0; i < retryDays.size(); i++) {
      Integer day = retryDays.get(i);
      if (day == null) {
        throw new IllegalArgumentException("retry " + (i + 1) + " has no day");
      }
      if (day <= 0) {
        throw new IllegalArgumentException(
            "retry " + (i + 1) + " must be a positive whole number of days, was " + day);
      }
      if (day <= previous) {
        throw new IllegalArgumentException(
            "retry days must be strictly increasing, but retry " + (i + 1) + " (" + day
                + ") is not after retry " + i + " (" + previous + ")");
      }
      previous = day;
    }
    retryDays = List.copyOf(retryDays);
  }

  /**
   * Parses a comma-separated list of retry days, e.g. {@code "1,3,5,7"}; blanks around entries are
   * ignored. Strict: every entry is digits only (no sign, no
   * decimals), none is empty. No rounding.
   *
   * @param csv the list
   * @return the schedule
   * @throws IllegalArgumentException if the text is blank, an entry is empty or not a whole number,
   *     or the days break the rules of the constructor (1–{@value #MAX_RETRIES} entries, positive,
   *     strictly increasing)
   */
  public static DunningSchedule parse(String csv) {
    if (csv == null || csv.isBlank()) {
      throw new IllegalArgumentException("dunning schedule is empty; expected e.g. \"1,3,5,7\"");
    }
    String[] entries = csv.split(",", -1);
    if (entries.length > MAX_RETRIES) {
      throw new IllegalArgumentException(
          "dunning schedule has " + entries.length + " retries, at most " + MAX_RETRIES
              + " allowed");
    }
    List<Integer> days = new ArrayList<>(entries.length);
    for (int i = 0; i < entries.length; i++) {
      String entry = entries[i].strip();
      if (entry.isEmpty()) {
        throw new IllegalArgumentException(
            "retry " + (i + 1) + " in \"" + csv + "\" is empty");
      }
      if (!entry.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IllegalArgumentException(
            "retry " + (i + 1) + " in \"" + csv + "\" must be a positive whole number of days, was \""
                + entry + "\"");
      }
      try {
        days.add(Integer.parseInt(entry));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "retry " + (i + 1) + " in \"" + csv + "\" is too large: " + entry, e);
      }
    }
    return new DunningSchedule(days);
  }

  /**
   * Returns when to make the next retry: {@code firstFailure + retryDays[retriesDone]} days, or
   * empty when {@code retriesDone ≥ size()}, i.e. the schedule is exhausted and the subscription is to
   * be suspended. No rounding.
   *
   * @param firstFailure when the first attempt failed
   * @param retriesDone retries already made after the first failure, 0 or more
   * @return the next attempt, or empty when there is none
   * @throws IllegalArgumentException if retriesDone is negative
   */
  public Optional<Instant> nextAttempt(Instant firstFailure, int retriesDone) {
    Objects.requireNonNull(firstFailure, "firstFailure");
    if (retriesDone < 0) {
      throw new IllegalArgumentException("retries done must be >= 0, was " + retriesDone);
    }
    if (retriesDone >= retryDays.size()) {
      return Optional.empty();
    }
    return Optional.of(firstFailure.plus(Duration.ofDays(retryDays.get(retriesDone))));
  }

  /**
   * Returns the number of retries. No rounding.
   *
   * @return 1 to {@value #MAX_RETRIES}
   */
  public int size() {
    return retryDays.size();
  }

  /**
   * Returns the schedule in the form {@link #parse} reads, e.g. {@code "1,3,5,7"}. No rounding.
   *
   * @return the comma-separated days
   */
  public String toCsv() {
    return retryDays.stream().map(String::valueOf).collect(Collectors.joining(","));
  }
}
