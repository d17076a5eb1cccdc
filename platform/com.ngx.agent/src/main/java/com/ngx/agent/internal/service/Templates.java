package com.ngx.agent.internal.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.agent.internal.Json;
import com.ngx.agent.internal.model.DefinitionReader;
import com.ngx.api.tenant.TenantContext;
import com.ngx.api.vertical.VerticalContent;
import com.ngx.api.vertical.VerticalTemplate;
import com.ngx.marketplace.PluginHost;
import com.ngx.marketplace.PluginOutcome;
import com.ngx.rest.ApiException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The vertical templates a tenant can create agents from: those of the template plugins it has
 * installed and enabled, reached through the plugin host (contained calls, the tenant's context).
 */
@Component(service = Templates.class)
public final class Templates {
  /** Template documents this engine reads. */
  static final int SCHEMA_VERSION = 1;

  private final PluginHost plugins;

  /**
   * A template as the tenant sees it.
   *
   * @param id the template id ({@code fitness}); {@code pluginId:templateId} also names it
   */
  public record Info(String id, String pluginId, String pluginVersion, String name, String description, List<String> languages) {}

  /** A template's documents, by language. */
  public record Documents(Info info, Map<String, JsonNode> byLanguage) {}

  @Activate
  public Templates(@Reference PluginHost plugins) {
    this.plugins = plugins;
  }

  /** The installed templates, with their names in {@code language} where they have it. */
  public List<Info> list(TenantContext tenant, String language) {
    List<PluginOutcome<List<Documents>>> outcomes = plugins.callAll(tenant, VerticalTemplate.class, (t, ctx) -> List.of(read(t, ctx.pluginId(), ctx.pluginVersion())));
    Map<String, Info> byId = new LinkedHashMap<>();
    for (PluginOutcome<List<Documents>> o : outcomes) {
      if (!o.ok()) {
        continue;
      }
      for (Documents d : o.value()) {
        if (d.byLanguage().isEmpty()) {
          continue;
        }
        JsonNode doc = d.byLanguage().getOrDefault(language, d.byLanguage().values().iterator().next());
        Info info = new Info(d.info().id(), o.pluginId(), o.version(), doc.path("name").asText(d.info().id()),
            doc.path("description").asText(""), d.info().languages());
        byId.putIfAbsent(info.id(), info);
      }
    }
    return new ArrayList<>(byId.values());
  }

  /** One template's documents; 404 when the tenant has no such template installed and enabled. */
  public Documents documents(TenantContext tenant, String id) {
    String wantedPlugin = id.contains(":") ? id.substring(0, id.indexOf(':')) : null;
    String templateId = id.contains(":") ? id.substring(id.indexOf(':') + 1) : id;
    List<PluginOutcome<Optional<Documents>>> outcomes =
        plugins.callAll(tenant, VerticalTemplate.class, (t, ctx) -> t.templateId().equals(templateId)
            && (wantedPlugin == null || wantedPlugin.equals(ctx.pluginId()))
            ? Optional.of(read(t, ctx.pluginId(), ctx.pluginVersion())) : Optional.empty());
    for (PluginOutcome<Optional<Documents>> o : outcomes) {
      if (o.ok() && o.value().isPresent() && !o.value().get().byLanguage().isEmpty()) {
        return o.value().get();
      }
    }
    throw ApiException.invalid("templateId", "no installed template '" + id + "' (see GET /templates)");
  }

  private static Documents read(VerticalTemplate t, String pluginId, String pluginVersion) {
    Map<String, JsonNode> docs = new LinkedHashMap<>();
    for (String lang : DefinitionReader.LANGUAGES.stream().sorted().toList()) {
      Optional<VerticalContent> c = t.content(lang);
      if (c.isPresent() && c.get().schemaVersion() == SCHEMA_VERSION) {
        try {
          docs.put(lang, Json.tree(c.get().document()));
        } catch (UncheckedIOException e) {
          // a template whose document is not JSON offers nothing in that language
        }
      }
    }
    return new Documents(new Info(t.templateId(), pluginId, pluginVersion, t.templateId(), "", List.copyOf(docs.keySet())), docs);
  }
}
