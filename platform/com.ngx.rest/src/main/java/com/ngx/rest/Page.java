package com.ngx.rest;

import java.util.List;

/**
 * One page of a list.
 *
 * @param items the items on this page
 * @param offset how many items precede this page
 * @param limit the page size asked for
 * @param total how many items match in all
 */
public record Page<T>(List<T> items, int offset, int limit, long total) {

  /** Largest page size a caller may ask for. */
  public static final int MAX_LIMIT = 200;

  /** Page size when the caller does not say. */
  public static final int DEFAULT_LIMIT = 50;

  /** Validates {@code offset} and {@code limit} query parameters (400 naming the parameter). */
  public static void checkBounds(int offset, int limit) {
    new Validator()
        .require("query.offset", offset >= 0, "must be 0 or more")
        .require("query.limit", limit >= 1 && limit <= MAX_LIMIT, "must be between 1 and " + MAX_LIMIT)
        .throwIfInvalid();
  }
}
