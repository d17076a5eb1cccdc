package com.ngx.marketplace.internal.rest;

import com.ngx.api.tenant.TenantContext;
import com.ngx.api.web.WebRequest;
import com.ngx.api.web.WebResource;
import com.ngx.api.web.WebResponse;
import com.ngx.marketplace.PluginOutcome;
import com.ngx.marketplace.internal.PluginHostImpl;
import com.ngx.rest.PathIds;
import com.ngx.rest.Access;
import com.ngx.rest.ApiException;
import com.ngx.rest.RestConstants;
import com.ngx.rest.Scopes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * Plugins' own endpoints: {@code /plugins/{pluginId}/…} for tenants that have the plugin installed
 * and enabled (404 for everyone else), and webhooks {@code /plugins/{pluginId}/hooks/{installationId}/…}
 * without a key. The call runs contained: timeout, failure counting, 502 when the plugin fails.
 */
@Component(service = PluginWebResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("plugins/{pluginId}")
@Tag(name = "plugins", description = "Endpoints served by installed add-ons")
@SecurityRequirement(name = "bearer")
public final class PluginWebResource {
  private static final int MAX_BODY = 1_048_576;

  private final PluginHostImpl host;

  @Activate
  public PluginWebResource(@Reference PluginHostImpl host) {
    this.host = host;
  }

  // JAX-RS allows one HTTP method per resource method: each verb delegates to call()

  @GET
  @Path("{path: .*}")
  @Access(scope = Scopes.PLUGINS)
  @Operation(summary = "Call an installed add-on's endpoint (GET)")
  public Response get(@Context SecurityContext s, @Context UriInfo u, @Context HttpHeaders h,
      @PathParam("pluginId") String pluginId, @PathParam("path") String path) {
    return call(s, "GET", u, h, pluginId, path, null);
  }

  @POST
  @Path("{path: .*}")
  @Consumes(MediaType.WILDCARD)
  @Access(scope = Scopes.PLUGINS)
  @Operation(summary = "Call an installed add-on's endpoint (POST)")
  public Response post(@Context SecurityContext s, @Context UriInfo u, @Context HttpHeaders h,
      @PathParam("pluginId") String pluginId, @PathParam("path") String path, InputStream body) {
    return call(s, "POST", u, h, pluginId, path, body);
  }

  @PUT
  @Path("{path: .*}")
  @Consumes(MediaType.WILDCARD)
  @Access(scope = Scopes.PLUGINS)
  @Operation(summary = "Call an installed add-on's endpoint (PUT)")
  public Response put(@Context SecurityContext s, @Context UriInfo u, @Context HttpHeaders h,
      @PathParam("pluginId") String pluginId, @PathParam("path") String path, InputStream body) {
    return call(s, "PUT", u, h, pluginId, path, body);
  }

  @PATCH
  @Path("{path: .*}")
  @Consumes(MediaType.WILDCARD)
  @Access(scope = Scopes.PLUGINS)
  @Operation(summary = "Call an installed add-on's endpoint (PATCH)")
  public Response patch(@Context SecurityContext s, @Context UriInfo u, @Context HttpHeaders h,
      @PathParam("pluginId") String pluginId, @PathParam("path") String path, InputStream body) {
    return call(s, "PATCH", u, h, pluginId, path, body);
  }

  @DELETE
  @Path("{path: .*}")
  @Access(scope = Scopes.PLUGINS)
  @Operation(summary = "Call an installed add-on's endpoint (DELETE)")
  public Response delete(@Context SecurityContext s, @Context UriInfo u, @Context HttpHeaders h,
      @PathParam("pluginId") String pluginId, @PathParam("path") String path) {
    return call(s, "DELETE", u, h, pluginId, path, null);
  }

  @POST
  @Path("hooks/{installationId}/{path: .*}")
  @Consumes(MediaType.WILDCARD)
  @Access(anonymous = true)
  @Operation(summary = "A webhook for an installed add-on (no key; the add-on verifies the sender)")
  public Response hook(
      @Context UriInfo uri,
      @Context HttpHeaders headers,
      @PathParam("pluginId") String pluginId,
      @PathParam("installationId") String installationId,
      @PathParam("path") String path,
      InputStream body) {
    var active = host.byInstallation(PathIds.uuid(installationId, "webhook"), pluginId)
        .orElseThrow(() -> ApiException.notFound("No webhook " + installationId));
    WebRequest req = request("POST", path, uri, headers, body, true);
    return answer(host.invokeWeb(active, req));
  }

  private Response call(SecurityContext security, String method, UriInfo uri, HttpHeaders headers,
      String pluginId, String path, InputStream body) {
    TenantContext tenant = Callers.tenantContext(security);
    var active = host.enabled(tenant.id().toString(), pluginId)
        .orElseThrow(() -> ApiException.notFound("No plugin " + pluginId));
    WebRequest req = request(method, path, uri, headers, body, false);
    return answer(host.invokeWeb(active, req));
  }

  private static WebRequest request(
      String method, String path, UriInfo uri, HttpHeaders headers, InputStream body, boolean webhook) {
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : body.readNBytes(MAX_BODY + 1);
    } catch (IOException e) {
      throw ApiException.badRequest("The body could not be read");
    }
    if (bytes.length > MAX_BODY) {
      throw new ApiException(413, "Payload too large", "A plugin request body is at most " + MAX_BODY + " bytes",
          List.of());
    }
    Map<String, List<String>> query = new LinkedHashMap<>(uri.getQueryParameters());
    Map<String, List<String>> hs = new LinkedHashMap<>();
    headers.getRequestHeaders().forEach((k, v) -> {
      if (!k.equalsIgnoreCase("authorization")) {
        hs.put(k.toLowerCase(Locale.ROOT), List.copyOf(v));
      }
    });
    return new WebRequest(method, "/" + (path == null ? "" : path), Map.copyOf(query), Map.copyOf(hs), bytes, webhook);
  }

  private static Response answer(PluginOutcome<WebResponse> outcome) {
    if (!outcome.ok()) {
      throw new ApiException(502, "The add-on failed", outcome.pluginId() + ": " + outcome.error(), List.of());
    }
    WebResponse r = outcome.value();
    if (r == null) {
      throw new ApiException(502, "The add-on failed", outcome.pluginId() + " returned no response", List.of());
    }
    Response.ResponseBuilder b = Response.status(r.status());
    if (r.body().length > 0) {
      b.entity(r.body()).type(r.contentType() == null ? "application/octet-stream" : r.contentType());
    }
    r.headers().forEach((k, v) -> {
      String lower = k.toLowerCase(Locale.ROOT);
      if (!lower.startsWith("access-control") && !lower.equals("set-cookie")) {
        b.header(k, v);
      }
    });
    return b.build();
  }
}
