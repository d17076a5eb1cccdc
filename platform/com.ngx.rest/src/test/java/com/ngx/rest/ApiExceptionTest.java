package com.ngx.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApiExceptionTest {

  static Stream<Arguments> factories() {
    return Stream.of(
        // one invalid field: the detail names it
        Arguments.of(ApiException.invalid("slug", "is required"), 400, "Invalid request",
            "slug: is required", List.of(new FieldError("slug", "is required")), Map.of()),
        // several invalid fields: the detail counts them, the errors list each one
        Arguments.of(
            ApiException.invalid(List.of(new FieldError("a", "x"), new FieldError("b", "y"))),
            400, "Invalid request", "2 fields are invalid",
            List.of(new FieldError("a", "x"), new FieldError("b", "y")), Map.of()),
        // a plain bad request carries no field errors
        Arguments.of(ApiException.badRequest("no body"), 400, "Bad request", "no body", List.of(),
            Map.of()),
        // 401 tells the client which scheme to use
        Arguments.of(ApiException.unauthorized("key needed"), 401, "Unauthorized", "key needed",
            List.of(), Map.of("WWW-Authenticate", "Bearer")),
        Arguments.of(ApiException.forbidden("no"), 403, "Forbidden", "no", List.of(), Map.of()),
        Arguments.of(ApiException.notFound("No tenant x"), 404, "Not found", "No tenant x",
            List.of(), Map.of()),
        Arguments.of(ApiException.conflict("busy"), 409, "Conflict", "busy", List.of(), Map.of()),
        // a conflict on a field names it both in the detail and in the errors
        Arguments.of(ApiException.conflict("slug", "is already taken"), 409, "Conflict",
            "slug: is already taken", List.of(new FieldError("slug", "is already taken")),
            Map.of()));
  }

  @ParameterizedTest
  @MethodSource("factories")
  void factoriesSetStatusTitleDetailErrorsAndHeaders(
      ApiException e,
      int status,
      String title,
      String detail,
      List<FieldError> errors,
      Map<String, String> headers) {
    assertEquals(status, e.status());
    assertEquals(title, e.title());
    assertEquals(detail, e.getMessage());
    assertEquals(errors, e.errors());
    assertEquals(headers, e.headers());
  }

  @Test
  void errorsAreACopyThatCannotBeChanged() {
    List<FieldError> errors = new ArrayList<>(List.of(new FieldError("a", "x")));
    ApiException e = ApiException.invalid(errors);
    errors.add(new FieldError("b", "y"));

    assertEquals(1, e.errors().size());
    assertThrows(UnsupportedOperationException.class, () -> e.errors().add(new FieldError("c", "z")));
    assertThrows(UnsupportedOperationException.class, () -> e.headers().put("X", "y"));
  }
}
