package com.ngx.rest;

/**
 * A token bucket: {@code perSecond} tokens refill every second, up to {@code burst}.
 *
 * @param perSecond sustained requests per second
 * @param burst the most requests accepted at once
 */
public record RateLimit(int perSecond, int burst) {
  public RateLimit {
    if (perSecond < 1 || burst < 1) {
      throw new IllegalArgumentException("rate limits must be positive");
    }
  }
}
