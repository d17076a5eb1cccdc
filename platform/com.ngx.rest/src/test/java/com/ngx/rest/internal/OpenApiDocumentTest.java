package com.ngx.rest.internal;

import static com.ngx.rest.internal.ObjectMapperResolver.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

  public record Widget(String id, String name) {}

  @Path("widgets")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  @SecurityRequirement(name = OpenApiDocument.BEARER)
  public static final class WidgetResource {
    @GET
    public List<Widget> list() {
      return List.of();
    }

    @POST
    public Widget create(Widget widget) {
      return widget;
    }

    @GET
    @Path("{id}")
    public Widget get(@PathParam("id") String id) {
      return new Widget(id, "w");
    }
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void generateDescribesTheResourcesAndTheBearerScheme() throws Exception {
    JsonNode doc = MAPPER.readTree(OpenApiDocument.generate(Set.of(WidgetResource.class)));

    assertTrue(doc.get("openapi").asText().startsWith("3."));
    assertEquals("/api/v1", doc.at("/servers/0/url").asText());
    assertEquals(List.of("/widgets", "/widgets/{id}"), names(doc.get("paths")));
    assertEquals(List.of("get", "post"), names(doc.at("/paths/~1widgets")));
    assertEquals(List.of("get"), names(doc.at("/paths/~1widgets~1{id}")));
    JsonNode idParameter = doc.at("/paths/~1widgets~1{id}/get/parameters/0");
    assertEquals("id", idParameter.get("name").asText());
    assertEquals("path", idParameter.get("in").asText());
    assertTrue(idParameter.get("required").asBoolean());
    JsonNode bearer = doc.at("/components/securitySchemes/bearer");
    assertEquals("http", bearer.get("type").asText());
    assertEquals("bearer", bearer.get("scheme").asText());
    assertTrue(doc.at("/paths/~1widgets/get/security/0").has("bearer"));
    assertTrue(doc.at("/components/schemas").has("Widget"));
  }

  @Test
  void theDocumentStartsEmptyAndThenIncludesThePlatformResources() throws Exception {
    OpenApiDocument document = new OpenApiDocument();
    assertEquals("{}", document.json());

    document.update(List.of(new WidgetResource()));

    JsonNode paths = MAPPER.readTree(document.json()).get("paths");
    for (String path :
        List.of("/health/live", "/health/ready", "/openapi.json", "/metrics", "/widgets", "/widgets/{id}")) {
      assertTrue(paths.has(path), path + " in " + names(paths));
    }
  }

  @Test
  void anUpdateWithoutAResourceDropsItsPaths() throws Exception {
    OpenApiDocument document = new OpenApiDocument();
    document.update(List.of(new WidgetResource()));

    document.update(List.of());

    JsonNode paths = MAPPER.readTree(document.json()).get("paths");
    assertFalse(paths.has("/widgets"), names(paths).toString());
    assertTrue(paths.has("/openapi.json"));
  }
}
