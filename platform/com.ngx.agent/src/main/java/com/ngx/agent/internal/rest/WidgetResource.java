package com.ngx.agent.internal.rest;

import com.ngx.agent.internal.service.Agents;
import com.ngx.agent.internal.service.Conversations;
import com.ngx.agent.internal.service.Widgets;
import com.ngx.rest.Access;
import com.ngx.rest.ApiException;
import com.ngx.rest.PathIds;
import com.ngx.rest.RestConstants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;

import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.OPTIONS;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * The public side of the chat widget: the script, its configuration and its conversations. No
 * API key: the tenant is bound from the widget key, and only the key's allowed origins may call
 * (checked on every request; CORS headers name the origin only when it is allowed).
 */
@Component(service = WidgetResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("widget")
@Tag(name = "widget", description = "The embeddable chat widget")
public final class WidgetResource {
  static final String TOKEN = "X-NGX-Conversation-Token";
  private static final String SCRIPT = resource("widget.js");
  private static final String DEMO = resource("demo.html");

  /** A conversation to start from the widget. */
  public record StartDTO(String language) {}

  /** A prospect message. */
  public record MessageDTO(String text) {}

  /** A widget event. */
  public record EventDTO(String type) {}

  private final Widgets widgets;
  private final Conversations conversations;
  private final Agents agents;
  private final WidgetLimits limits = new WidgetLimits();
  @Context private javax.servlet.http.HttpServletRequest request;

  @Activate
  public WidgetResource(@Reference Widgets widgets, @Reference Conversations conversations, @Reference Agents agents) {
    this.widgets = widgets;
    this.conversations = conversations;
    this.agents = agents;
  }

  @GET
  @Path("widget.js")
  @Produces("text/javascript")
  @Access(anonymous = true)
  @Operation(summary = "The chat widget script (embed with <script src=… data-ngx-key=…>)")
  public Response script() {
    return Response.ok(SCRIPT).header("Cache-Control", "public, max-age=300").header("Access-Control-Allow-Origin", "*").build();
  }

  @GET
  @Path("{key}/config")
  @Produces(MediaType.APPLICATION_JSON)
  @Access(anonymous = true)
  @Operation(summary = "The widget's configuration: agent name, languages, brand, platform branding")
  public Response config(@Context HttpHeaders headers, @PathParam("key") String key) {
    return guarded(headers, key, () -> {
      Widgets.Resolved w = allowed(key, headers);
      Agents.AgentView a = agents.get(w.schema(), w.agentId());
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("agentName", a.personality().name() == null ? a.name() : a.personality().name());
      out.put("title", w.brand().path("title").asText(null));
      out.put("language", a.language());
      out.put("languages", a.languages());
      out.put("brand", w.brand());
      out.put("platformBranding", widgets.platformBranding(w.tenant()));
      out.put("platformName", "NGX");
      return cors(Response.ok(out), w, headers).build();
    });
  }

  @POST
  @Path("{key}/conversations")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Access(anonymous = true)
  @Operation(summary = "Start a conversation from the widget; answers its id, its token and the opening reply")
  public Response start(@Context HttpHeaders headers, @PathParam("key") String key, StartDTO body) {
    return guarded(headers, key, () -> {
      Widgets.Resolved w = allowed(key, headers);
      Conversations.TurnView t = conversations.start(w.tenant(), w.schema(), w.agentId(), body == null ? null : body.language(), "web", true);
      return cors(Response.created(URI.create("widget/" + key + "/conversations/" + t.id())).entity(view(t)), w, headers).build();
    });
  }

  @POST
  @Path("{key}/conversations/{id}/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Access(anonymous = true)
  @Operation(summary = "Send a prospect message from the widget (needs the conversation token)")
  public Response message(@Context HttpHeaders headers, @PathParam("key") String key, @PathParam("id") String id,
      @HeaderParam(TOKEN) String token, MessageDTO body) {
    return guarded(headers, key, () -> {
      Widgets.Resolved w = allowed(key, headers);
      Conversations.TurnView t = conversations.message(w.tenant(), w.schema(), PathIds.uuid(id, "conversation").toString(),
          body == null ? null : body.text(), token, true);
      return cors(Response.ok(view(t)), w, headers).build();
    });
  }

  @POST
  @Path("{key}/conversations/{id}/events")
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Access(anonymous = true)
  @Operation(summary = "Report a widget event: cta_taken when the prospect clicks the call to action")
  public Response event(@Context HttpHeaders headers, @PathParam("key") String key, @PathParam("id") String id,
      @HeaderParam(TOKEN) String token, EventDTO body) {
    return guarded(headers, key, () -> {
      Widgets.Resolved w = allowed(key, headers);
      if (body == null || !"cta_taken".equals(body.type())) {
        throw ApiException.invalid("type", "must be cta_taken");
      }
      String conversation = PathIds.uuid(id, "conversation").toString();
      conversations.checkToken(w.schema(), conversation, token);
      conversations.convert(w.tenant(), w.schema(), conversation, "cta_taken", null, null, "widget");
      return cors(Response.noContent(), w, headers).build();
    });
  }

  @OPTIONS
  @Path("{key}/config")
  @Access(anonymous = true)
  @Operation(summary = "CORS preflight of the widget's configuration")
  public Response preflightConfig(@Context HttpHeaders headers, @PathParam("key") String key) {
    return preflight(key, headers);
  }

  @OPTIONS
  @Path("{key}/conversations")
  @Access(anonymous = true)
  @Operation(summary = "CORS preflight of starting a widget conversation")
  public Response preflightStart(@Context HttpHeaders headers, @PathParam("key") String key) {
    return preflight(key, headers);
  }

  @OPTIONS
  @Path("{key}/conversations/{id}/{action}")
  @Access(anonymous = true)
  @Operation(summary = "CORS preflight of a widget conversation's messages and events")
  public Response preflightMessage(@Context HttpHeaders headers, @PathParam("key") String key,
      @PathParam("id") String id, @PathParam("action") String action) {
    return preflight(key, headers);
  }

  @GET
  @Path("{key}/demo")
  @Produces(MediaType.TEXT_HTML)
  @Access(anonymous = true)
  @Operation(summary = "A demo web page with the widget embedded (for the key's own platform origin)")
  public Response demo(@Context UriInfo uri, @PathParam("key") String key) {
    Widgets.Resolved w = widgets.resolve(key).orElseThrow(() -> ApiException.notFound("No widget " + key));
    String base = WidgetAdminResource.base(uri);
    String title = w.brand().path("title").asText(agents.get(w.schema(), w.agentId()).name());
    String html = DEMO.replace("{{TITLE}}", escape(title)).replace("{{SCRIPT_SRC}}", base + "/api/v1/widget/widget.js")
        .replace("{{KEY}}", escape(key));
    return Response.ok(html).build();
  }

  /**
   * Runs a widget call; a problem it raises carries the CORS headers too when the page's origin is
   * allowed, so the widget can read it (browsers hide responses without them).
   */
  private Response guarded(HttpHeaders headers, String key, java.util.function.Supplier<Response> call) {
    try {
      limits.take(key, request == null ? "?" : request.getRemoteAddr());
      return call.get();
    } catch (ApiException e) {
      String origin = headers.getHeaderString("Origin");
      Widgets.Resolved w = origin == null ? null : widgets.resolve(key).orElse(null);
      if (w == null || !Widgets.allowed(w, origin)) {
        throw e;
      }
      Map<String, String> h = new LinkedHashMap<>(e.headers());
      h.put("Access-Control-Allow-Origin", origin);
      h.put("Access-Control-Expose-Headers", "Retry-After");
      h.put("Vary", "Origin");
      throw new ApiException(e.status(), e.title(), e.getMessage(), e.errors(), h);
    }
  }

  private Response preflight(String key, HttpHeaders headers) {
    Widgets.Resolved w = allowed(key, headers);
    return cors(Response.noContent(), w, headers)
        .header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        .header("Access-Control-Allow-Headers", "Content-Type, " + TOKEN)
        .header("Access-Control-Max-Age", "600")
        .build();
  }

  /** The widget of the key, when the calling page's origin may use it; 403 otherwise. */
  private Widgets.Resolved allowed(String key, HttpHeaders headers) {
    Widgets.Resolved w = widgets.resolve(key).orElseThrow(() -> ApiException.notFound("No widget " + key));
    String origin = origin(headers);
    if (!Widgets.allowed(w, origin)) {
      throw ApiException.forbidden("This page's origin (" + (origin == null ? "none" : origin)
          + ") may not use this widget; add it to the widget's allowed origins");
    }
    return w;
  }

  /** The Origin header, or the origin of the Referer for same-origin GETs (browsers send no Origin then). */
  private static String origin(HttpHeaders headers) {
    String origin = headers.getHeaderString("Origin");
    if (origin != null && !origin.equals("null")) {
      return origin;
    }
    String referer = headers.getHeaderString("Referer");
    if (referer == null) {
      return null;
    }
    try {
      URI u = URI.create(referer);
      return u.getScheme() + "://" + u.getAuthority();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Response.ResponseBuilder cors(Response.ResponseBuilder r, Widgets.Resolved w, HttpHeaders headers) {
    String origin = headers.getHeaderString("Origin");
    if (origin != null && Widgets.allowed(w, origin)) {
      r.header("Access-Control-Allow-Origin", origin).header("Access-Control-Expose-Headers", "Retry-After")
          .header("Vary", "Origin");
    }
    return r;
  }

  private static Map<String, Object> view(Conversations.TurnView t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", t.id());
    if (t.token() != null) {
      m.put("token", t.token());
    }
    m.put("reply", t.reply());
    m.put("cta", t.cta());
    m.put("status", t.status());
    return m;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }

  private static String resource(String name) {
    try (InputStream in = WidgetResource.class.getResourceAsStream("/com/ngx/agent/internal/widget/" + name)) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
