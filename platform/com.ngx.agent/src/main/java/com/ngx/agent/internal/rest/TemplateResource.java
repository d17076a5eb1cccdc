package com.ngx.agent.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.agent.internal.service.Templates;
import com.ngx.rest.Access;
import com.ngx.rest.RestConstants;
import com.ngx.rest.Scopes;
import com.ngx.rest.TenantPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** The vertical templates the calling tenant has installed from the marketplace. */
@Component(service = TemplateResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("templates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "agents")
@SecurityRequirement(name = "bearer")
public final class TemplateResource {
  private final Templates templates;

  @Activate
  public TemplateResource(@Reference Templates templates) {
    this.templates = templates;
  }

  @GET
  @Access(scope = Scopes.AGENTS_READ)
  @Operation(summary = "Installed vertical templates (id, name, languages) to create agents from")
  public List<Templates.Info> list(@Context SecurityContext security, @QueryParam("language") @DefaultValue("en") String language) {
    return templates.list(TenantPrincipal.of(security).tenant(), language);
  }

  @GET
  @Path("{id}")
  @Access(scope = Scopes.AGENTS_READ)
  @Operation(summary = "A template's content in one language: playbook, ROI model, metrics, objections, flow")
  public Map<String, Object> get(@Context SecurityContext security, @PathParam("id") String id,
      @QueryParam("language") @DefaultValue("en") String language) {
    Templates.Documents d = templates.documents(TenantPrincipal.of(security).tenant(), id);
    JsonNode doc = d.byLanguage().getOrDefault(language, d.byLanguage().values().iterator().next());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", d.info().id());
    out.put("pluginId", d.info().pluginId());
    out.put("languages", d.info().languages());
    out.put("document", doc);
    return out;
  }
}
