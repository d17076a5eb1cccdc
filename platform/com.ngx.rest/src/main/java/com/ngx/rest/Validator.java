package com.ngx.rest;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every field error of a request, so the caller learns all of them at once.
 *
 * <pre>{@code
 * new Validator()
 *     .require("slug", slug != null, "is required")
 *     .check("name", name, n -> n.length() <= 200, "must be at most 200 characters")
 *     .throwIfInvalid();
 * }</pre>
 */
public final class Validator {
  private final List<FieldError> errors = new ArrayList<>();

  /** Records the error unless the condition holds. */
  public Validator require(String field, boolean condition, String message) {
    if (!condition) {
      errors.add(new FieldError(field, message));
    }
    return this;
  }

  /** Checks a required text field: present, not blank, at most {@code max} characters. */
  public Validator requireText(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
    } else if (value.length() > max) {
      errors.add(new FieldError(field, "must be at most " + max + " characters"));
    }
    return this;
  }

  /** Records an error unconditionally. */
  public Validator error(String field, String message) {
    errors.add(new FieldError(field, message));
    return this;
  }

  /** Whether the field already has an error (to skip dependent checks). */
  public boolean hasError(String field) {
    return errors.stream().anyMatch(e -> e.field().equals(field));
  }

  public boolean valid() {
    return errors.isEmpty();
  }

  /** Throws a 400 problem naming every invalid field, if there is any. */
  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
  }
}
