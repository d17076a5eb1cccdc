package com.ngx.rest.internal;

import static com.ngx.rest.internal.ObjectMapperResolver.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.rest.ApiException;
import com.ngx.rest.FieldError;
import com.ngx.rest.RestConstants;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.ws.rs.NotAcceptableException;
import javax.ws.rs.NotAllowedException;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.NotSupportedException;
import javax.ws.rs.ServiceUnavailableException;
import javax.ws.rs.core.Response;
import org.glassfish.jersey.server.ParamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProblemMapperTest {

  record Limits(Integer ratePerSecond, Integer rateBurst) {}

  record Patch(String name, Limits limits, List<String> scopes, Integer count) {}

  record Sized(int size) {}

  private final ProblemMapper mapper = new ProblemMapper();

  private Problem problemOf(Response response) {
    assertEquals(RestConstants.PROBLEM_JSON, response.getMediaType().toString());
    Problem problem = (Problem) response.getEntity();
    assertEquals(response.getStatus(), problem.status());
    assertEquals("about:blank", problem.type());
    return problem;
  }

  private static JsonProcessingException parseError(String json) {
    return assertThrows(JsonProcessingException.class, () -> MAPPER.readValue(json, Patch.class));
  }

  // --- ApiException ---

  @Test
  void apiExceptionKeepsStatusTitleDetailAndErrors() {
    Response response =
        mapper.toResponse(
            ApiException.invalid(
                List.of(new FieldError("slug", "is reserved"), new FieldError("name", "is required"))));

    Problem problem = problemOf(response);
    assertEquals(400, response.getStatus());
    assertEquals("Invalid request", problem.title());
    assertEquals("2 fields are invalid", problem.detail());
    assertEquals(
        List.of(new FieldError("slug", "is reserved"), new FieldError("name", "is required")),
        problem.errors());
  }

  @Test
  void apiExceptionHeadersAreSent() {
    Response unauthorized = mapper.toResponse(ApiException.unauthorized("key needed"));
    Response tooMany =
        mapper.toResponse(
            new ApiException(429, "Too many requests", "slow down", List.of(), Map.of("Retry-After", "3")));

    assertEquals(401, unauthorized.getStatus());
    assertEquals("Bearer", unauthorized.getHeaderString("WWW-Authenticate"));
    assertEquals(429, tooMany.getStatus());
    assertEquals("3", tooMany.getHeaderString("Retry-After"));
    assertEquals("Too many requests", problemOf(tooMany).title());
  }

  @Test
  void apiExceptionWrappedAsACauseIsUnwrapped() {
    // as when the body-size limit trips while Jackson or Jersey reads the body
    ApiException tooLarge = BodyLimit.tooLarge(10);
    Throwable wrapped = new RuntimeException("reading failed", new UncheckedIOException(new IOException(tooLarge)));

    Response response = mapper.toResponse(wrapped);

    assertEquals(413, response.getStatus());
    assertEquals("Payload too large", problemOf(response).title());
    assertEquals("The body exceeds the limit of 10 bytes", problemOf(response).detail());
  }

  // --- JSON bodies ---

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // a trailing comma
        "{\"name\": \"a\",}",
        // the body ends in the middle
        "{\"name\": ",
        // not JSON at all
        "name=a",
        // an unquoted field name
        "{name: \"a\"}",
      })
  void malformedJsonIs400MalformedJson(String json) {
    Response response = mapper.toResponse(parseError(json));

    Problem problem = problemOf(response);
    assertEquals(400, response.getStatus());
    assertEquals("Malformed JSON", problem.title());
    assertTrue(problem.detail().startsWith("The body is not valid JSON (line 1, column "), problem.detail());
    assertTrue(problem.errors() == null || problem.errors().isEmpty());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // an unknown top-level field
        "{\"nmae\": \"a\"}                                 | nmae                 | is not a known field",
        // an unknown nested field gets its full path
        "{\"limits\": {\"rate\": 1}}                       | limits.rate          | is not a known field",
        // a number for a string field
        "{\"name\": 5}                                     | name                 | must be a string",
        // a string for an integer field, nested
        "{\"limits\": {\"ratePerSecond\": \"fast\"}}       | limits.ratePerSecond | must be an integer",
        // a numeric string for an integer field is not coerced either
        "{\"limits\": {\"rateBurst\": \"10\"}}             | limits.rateBurst     | ",
        // a string for a primitive int
        "{\"count\": \"x\"}                                | count                | ",
        // a wrong element of an array is named by its index
        "{\"scopes\": [\"a\", 7]}                          | scopes[1]            | ",
        // an object where an array is expected
        "{\"scopes\": {}}                                  | scopes               | must be an array",
        // an array where an object is expected
        "{\"limits\": []}                                  | limits               | ",
        // a string where the whole body should be an object
        "\"hello\"                                         | body                 | ",
      })
  void mappingErrorsAre400NamingTheField(String json, String field, String message) {
    Response response = mapper.toResponse(parseError(json));

    Problem problem = problemOf(response);
    assertEquals(400, response.getStatus());
    assertEquals("Invalid request", problem.title());
    assertEquals(1, problem.errors().size(), problem.errors().toString());
    FieldError error = problem.errors().get(0);
    assertEquals(field, error.field());
    if (message != null) {
      assertEquals(message, error.message());
    }
    assertEquals(field + ": " + error.message(), problem.detail());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // the type is named in plain words, not as a Java class
        "{\"name\": 5}                               | string",
        "{\"limits\": {\"ratePerSecond\": \"fast\"}} | integer",
        "{\"count\": \"x\"}                          | integer",
        "{\"limits\": []}                            | object",
      })
  void typeErrorsNameTheExpectedJsonType(String json, String type) {
    FieldError error = problemOf(mapper.toResponse(parseError(json))).errors().get(0);

    assertTrue(error.message().endsWith(type), error.message());
    assertFalse(error.message().contains("java."), error.message());
  }

  @Test
  void nullForAPrimitiveNamesTheField() {
    JsonProcessingException e =
        assertThrows(JsonProcessingException.class, () -> MAPPER.readValue("{\"size\": null}", Sized.class));

    Problem problem = problemOf(mapper.toResponse(e));

    assertEquals(List.of(new FieldError("size", "must be an integer")), problem.errors());
  }

  // --- JAX-RS exceptions ---

  @Test
  void notFoundIs404() {
    Response response = mapper.toResponse(new NotFoundException());

    Problem problem = problemOf(response);
    assertEquals(404, response.getStatus());
    assertEquals("Not Found", problem.title());
    assertEquals("No resource at this path", problem.detail());
  }

  @Test
  void notAllowedIs405WithAllow() {
    Response response = mapper.toResponse(new NotAllowedException("GET", new String[] {"POST"}));

    assertEquals(405, response.getStatus());
    assertEquals(Set.of("GET", "POST"), response.getAllowedMethods());
    assertTrue(problemOf(response).detail().startsWith("Method not allowed here"));
  }

  @ParameterizedTest
  @CsvSource({
    // 406: no acceptable media type
    "406, None of the accepted media types can be produced",
    // 415: wrong Content-Type
    "415, 'Unsupported media type; send application/json'",
  })
  void contentNegotiationFailures(int status, String detail) {
    RuntimeException e = status == 406 ? new NotAcceptableException() : new NotSupportedException();

    Response response = mapper.toResponse(e);

    assertEquals(status, response.getStatus());
    assertEquals(detail, problemOf(response).detail());
  }

  @Test
  void serverSideWebApplicationExceptionsAreTitledServerError() {
    Response response = mapper.toResponse(new ServiceUnavailableException());

    assertEquals(503, response.getStatus());
    assertEquals("Server error", problemOf(response).title());
  }

  @ParameterizedTest
  @CsvSource({
    // a bad query parameter is a 400 naming it
    "query, limit, 400, query.limit",
    // so is a bad header
    "header, X-Page, 400, header.X-Page",
    // a bad path parameter names nothing: 404
    "path, id, 404, ",
  })
  void paramExceptions(String kind, String name, int status, String field) {
    RuntimeException cause = new NumberFormatException("For input string: \"abc\"");
    ParamException e =
        switch (kind) {
          case "query" -> new ParamException.QueryParamException(cause, name, null);
          case "header" -> new ParamException.HeaderParamException(cause, name, null);
          default -> new ParamException.PathParamException(cause, name, null);
        };

    Response response = mapper.toResponse(e);

    assertEquals(status, response.getStatus());
    Problem problem = problemOf(response);
    if (field == null) {
      assertTrue(problem.errors() == null || problem.errors().isEmpty());
    } else {
      assertEquals(List.of(new FieldError(field, "has an invalid value")), problem.errors());
    }
  }

  // --- anything else ---

  @Test
  void unexpectedExceptionIs500WithoutItsMessage() {
    Response response =
        mapper.toResponse(new IllegalStateException("password=hunter2 at jdbc:postgresql://db"));

    Problem problem = problemOf(response);
    assertEquals(500, response.getStatus());
    assertEquals("Server error", problem.title());
    assertFalse(problem.detail().contains("hunter2"), problem.detail());
    assertFalse(problem.detail().contains("IllegalStateException"), problem.detail());
    assertTrue(
        problem.detail().matches("An unexpected error occurred; it was logged with id [0-9a-f-]{36}"),
        problem.detail());
  }

  @Test
  void problemJsonLeavesOutEmptyMembers() throws Exception {
    Problem problem = (Problem) mapper.toResponse(ApiException.notFound("No tenant x")).getEntity();

    JsonNode json = MAPPER.readTree(MAPPER.writeValueAsString(problem));

    assertEquals("about:blank", json.get("type").asText());
    assertEquals(404, json.get("status").asInt());
    assertEquals("No tenant x", json.get("detail").asText());
    assertNull(json.get("errors"));
    assertNull(json.get("instance"));
  }

  @Test
  void fieldPathJoinsNamesAndIndexes() {
    JsonProcessingException e =
        assertThrows(
            JsonProcessingException.class,
            () -> MAPPER.readValue("{\"a\":[{\"b\":{\"c\":1}}]}", Outer.class));

    assertEquals(
        "a[0].b.c",
        ProblemMapper.fieldPath((com.fasterxml.jackson.databind.JsonMappingException) e));
  }

  record Inner(String c) {}

  record Middle(Inner b) {}

  record Outer(List<Middle> a) {}
}
