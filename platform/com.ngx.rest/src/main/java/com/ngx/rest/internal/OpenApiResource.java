package com.ngx.rest.internal;

import com.ngx.rest.Access;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

/** Serves the OpenAPI 3 document generated from the resources currently served. */
@Path("openapi.json")
@Access(anonymous = true)
@Tag(name = "operations")
public final class OpenApiResource {

  private final OpenApiDocument document;

  OpenApiResource(OpenApiDocument document) {
    this.document = document;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "The OpenAPI 3 document of this API")
  public String document() {
    return document.json();
  }
}
