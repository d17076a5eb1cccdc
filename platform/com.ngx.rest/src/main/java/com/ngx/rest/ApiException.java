package com.ngx.rest;

import java.util.List;
import java.util.Map;

/**
 * An error that the API reports to the caller as an RFC 9457 problem document with its status.
 * Throw it from resources and services; the exception mapper renders it.
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String title;
  private final transient List<FieldError> errors;
  private final transient Map<String, String> headers;

  public ApiException(int status, String title, String detail, List<FieldError> errors) {
    this(status, title, detail, errors, Map.of());
  }

  public ApiException(
      int status, String title, String detail, List<FieldError> errors, Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** Response headers to send with the problem (e.g. {@code Retry-After}). */
  public Map<String, String> headers() {
    return headers;
  }

  public static ApiException invalid(List<FieldError> errors) {
    return new ApiException(400, "Invalid request", errorsSummary(errors), errors);
  }

  public static ApiException invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, "Bad request", detail, List.of());
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(
        401, "Unauthorized", detail, List.of(), Map.of("WWW-Authenticate", "Bearer"));
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, "Forbidden", detail, List.of());
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "Not found", detail, List.of());
  }

  public static ApiException conflict(String detail) {
    return new ApiException(409, "Conflict", detail, List.of());
  }

  public static ApiException conflict(String field, String message) {
    return new ApiException(
        409, "Conflict", field + ": " + message, List.of(new FieldError(field, message)));
  }

  private static String errorsSummary(List<FieldError> errors) {
    if (errors.size() == 1) {
      return errors.get(0).field() + ": " + errors.get(0).message();
    }
    return errors.size() + " fields are invalid";
  }
}
