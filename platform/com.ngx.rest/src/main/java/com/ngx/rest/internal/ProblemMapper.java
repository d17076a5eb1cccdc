package com.ngx.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.ngx.rest.ApiException;
import com.ngx.rest.FieldError;
import com.ngx.rest.RestConstants;
import java.util.List;
import java.util.UUID;
import javax.ws.rs.NotAllowedException;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;
import org.glassfish.jersey.server.ParamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one exception mapper of the API: every error leaves as {@code application/problem+json}. */
final class ProblemMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(Throwable thrown) {
    // an ApiException raised while the body was read (size limit) arrives wrapped by Jackson
    Throwable exception = apiCause(thrown);
    Response.ResponseBuilder builder;
    Problem problem;
    if (exception instanceof ApiException e) {
      problem = problem(e.status(), e.title(), e.getMessage(), e.errors());
      builder = Response.status(e.status());
      e.headers().forEach(builder::header);
    } else if (exception instanceof JsonProcessingException e) {
      problem = json(e);
      builder = Response.status(400);
    } else if (exception instanceof ParamException e) {
      boolean path = e instanceof ParamException.PathParamException;
      String where = e.getParameterType().getSimpleName().replace("Param", "").toLowerCase();
      problem =
          path
              ? problem(404, "Not found", "No resource at this path", List.of())
              : problem(
                  400,
                  "Invalid request",
                  where + "." + e.getParameterName() + ": has an invalid value",
                  List.of(new FieldError(where + "." + e.getParameterName(), "has an invalid value")));
      builder = Response.status(problem.status());
    } else if (exception instanceof WebApplicationException e) {
      int status = e.getResponse().getStatus();
      builder = Response.status(status);
      if (e instanceof NotAllowedException) {
        builder.allow(e.getResponse().getAllowedMethods());
      }
      String detail =
          switch (status) {
            case 404 -> "No resource at this path";
            case 405 -> "Method not allowed here; allowed: " + e.getResponse().getAllowedMethods();
            case 406 -> "None of the accepted media types can be produced";
            case 415 -> "Unsupported media type; send application/json";
            default -> e.getMessage();
          };
      problem = problem(status, Response.Status.Family.familyOf(status) == Response.Status.Family.SERVER_ERROR
          ? "Server error" : reason(status), detail, List.of());
    } else {
      String id = UUID.randomUUID().toString();
      LOG.error("Unexpected error {} on {}", id, path(), exception);
      problem =
          problem(
              500,
              "Server error",
              "An unexpected error occurred; it was logged with id " + id,
              List.of());
      builder = Response.status(500);
    }
    return builder.type(RestConstants.PROBLEM_JSON).entity(problem).build();
  }

  static Throwable apiCause(Throwable thrown) {
    java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof ApiException) {
        return t;
      }
    }
    return thrown;
  }

  private Problem json(JsonProcessingException e) {
    if (e instanceof JsonParseException p) {
      return problem(
          400,
          "Malformed JSON",
          "The body is not valid JSON (line "
              + p.getLocation().getLineNr()
              + ", column "
              + p.getLocation().getColumnNr()
              + ")",
          List.of());
    }
    if (e instanceof JsonMappingException m) {
      String field = fieldPath(m);
      String message;
      if (m instanceof UnrecognizedPropertyException u) {
        field = field.isEmpty() ? u.getPropertyName() : field;
        message = "is not a known field";
      } else if (m instanceof ValueInstantiationException v && v.getCause() != null) {
        message = v.getCause().getMessage();
      } else if (m instanceof InvalidFormatException f) {
        message = "must be " + article(simpleType(f.getTargetType()));
      } else if (m instanceof MismatchedInputException mi) {
        message =
            mi.getTargetType() == null
                ? "has the wrong type"
                : "must be " + article(simpleType(mi.getTargetType()));
      } else {
        message = "is invalid";
      }
      if (field.isEmpty()) {
        field = "body";
      }
      return problem(
          400, "Invalid request", field + ": " + message, List.of(new FieldError(field, message)));
    }
    return problem(400, "Malformed JSON", "The body could not be read as JSON", List.of());
  }

  static String fieldPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String simpleType(Class<?> type) {
    if (type == null) {
      return "value";
    }
    if (type == String.class) {
      return "string";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "boolean";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "array";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.toString(type.getEnumConstants());
    }
    if (type.isRecord() || java.util.Map.class.isAssignableFrom(type)) {
      return "object";
    }
    return type.getSimpleName();
  }

  private static String article(String type) {
    return type.startsWith("one of") ? type : (type.matches("^[aeiou].*") ? "an " : "a ") + type;
  }

  private Problem problem(int status, String title, String detail, List<FieldError> errors) {
    return new Problem(Problem.ABOUT_BLANK, title, status, detail, path(), errors);
  }

  private String path() {
    try {
      return uriInfo == null ? null : RestConstants.BASE_PATH + "/" + uriInfo.getPath();
    } catch (RuntimeException outsideRequest) {
      return null;
    }
  }

  private static String reason(int status) {
    Response.StatusType type = Response.Status.fromStatusCode(status);
    return type == null ? "Error" : type.getReasonPhrase();
  }
}
