package com.ngx.rest.internal;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The OpenAPI 3 document, regenerated with swagger-core whenever the set of resources changes. */
final class OpenApiDocument {

  static final String BEARER = "bearer";

  private volatile String json = "{}";

  void update(Collection<Object> resources) {
    Set<Class<?>> classes = new LinkedHashSet<>();
    classes.add(HealthResource.class);
    classes.add(OpenApiResource.class);
    classes.add(MetricsResource.class);
    resources.forEach(r -> classes.add(r.getClass()));
    json = generate(classes);
  }

  String json() {
    return json;
  }

  static String generate(Set<Class<?>> classes) {
    OpenAPI base =
        new OpenAPI()
            .info(
                new Info()
                    .title("NGX Sales Intelligence Platform API")
                    .version("v1")
                    .description(
                        "Multi-tenant API. Send `Authorization: Bearer <key>`: an operator key for"
                            + " platform endpoints, a tenant API key for tenant endpoints. Errors"
                            + " are RFC 9457 problem documents (application/problem+json)."))
            .servers(List.of(new Server().url("/api/v1")))
            .components(
                new Components()
                    .addSecuritySchemes(
                        BEARER,
                        new SecurityScheme()
                            .type(SecurityScheme.Type.HTTP)
                            .scheme("bearer")
                            .description("An operator key or a tenant API key")));
    Reader reader =
        new Reader(new SwaggerConfiguration().openAPI(base).sortOutput(true).prettyPrint(true));
    OpenAPI document = reader.read(classes);
    addProblemResponses(document);
    return Json.pretty(document);
  }

  /**
   * Documents the errors every operation can answer, as RFC 9457 problems: the access filter,
   * the body limit and the validation rules apply to all resources alike, so they are described
   * here once rather than on each method.
   */
  static void addProblemResponses(OpenAPI document) {
    Map<String, Schema> problemSchemas = ModelConverters.getInstance().readAll(Problem.class);
    problemSchemas.forEach(document.getComponents()::addSchemas);
    Content problem =
        new Content()
            .addMediaType(
                "application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")));
    if (document.getPaths() == null) {
      return;
    }
    document
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperations()
                    .forEach(
                        operation -> {
                          boolean secured =
                              operation.getSecurity() != null && !operation.getSecurity().isEmpty();
                          boolean hasInput =
                              operation.getRequestBody() != null
                                  || (operation.getParameters() != null
                                      && !operation.getParameters().isEmpty());
                          ApiResponses responses = operation.getResponses();
                          if (hasInput) {
                            add(responses, "400", "Invalid request: the problem names each field", problem);
                          }
                          if (operation.getRequestBody() != null) {
                            add(responses, "413", "The body is larger than the limit", problem);
                            add(responses, "415", "The body is not application/json", problem);
                          }
                          if (secured) {
                            add(responses, "401", "No key, or an unknown or revoked key", problem);
                            add(responses, "403", "Wrong kind of key, missing scope, or tenant suspended (with the reason)", problem);
                            add(responses, "429", "The tenant's rate limit is exceeded; see Retry-After", problem);
                          }
                          if (path.contains("{")) {
                            add(responses, "404", "No such resource for the caller", problem);
                          }
                          add(responses, "500", "Unexpected error, logged with the id in the detail", problem);
                        }));
  }

  private static void add(ApiResponses responses, String code, String description, Content content) {
    if (!responses.containsKey(code)) {
      responses.addApiResponse(code, new ApiResponse().description(description).content(content));
    }
  }
}
