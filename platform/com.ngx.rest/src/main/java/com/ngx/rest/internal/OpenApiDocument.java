package com.ngx.rest.internal;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
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
    return Json.pretty(document);
  }
}
