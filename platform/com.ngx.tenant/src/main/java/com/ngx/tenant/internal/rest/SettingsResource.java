package com.ngx.tenant.internal.rest;

import com.ngx.rest.Access;
import com.ngx.rest.ApiException;
import com.ngx.rest.RestConstants;
import com.ngx.rest.Scopes;
import com.ngx.rest.TenantPrincipal;
import com.ngx.rest.Validator;
import com.ngx.tenant.internal.SettingsStore;
import com.ngx.tenant.internal.rest.TenantDTOs.SettingsDTO;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.HashMap;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** The calling tenant's locale, time zone and currency, kept in the tenant's own schema. */
@Component(service = SettingsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "tenant")
@SecurityRequirement(name = "bearer")
public final class SettingsResource {

  static final SettingsDTO DEFAULTS = new SettingsDTO("en", "UTC", "USD");

  private final SettingsStore store;

  @Activate
  public SettingsResource(@Reference SettingsStore store) {
    this.store = store;
  }

  @GET
  @Access(scope = Scopes.SETTINGS_READ)
  @Operation(summary = "The tenant's settings, with defaults for what it has not set")
  public SettingsDTO get(@Context SecurityContext security) {
    return toDTO(store.read(TenantPrincipal.of(security).schema()));
  }

  @PUT
  @Access(scope = Scopes.SETTINGS_WRITE)
  @Operation(summary = "Replace the tenant's settings (null fields reset to the default)")
  public SettingsDTO put(@Context SecurityContext security, SettingsDTO body) {
    if (body == null) {
      throw ApiException.badRequest("A JSON body with locale, timeZone and currency is required");
    }
    Validator v = new Validator();
    v.require("locale", body.locale() == null || body.locale().length() <= 35, "must be at most 35 characters");
    v.require("timeZone", body.timeZone() == null || body.timeZone().length() <= 64, "must be at most 64 characters");
    if (body.locale() != null && !v.hasError("locale")) {
      try {
        Locale locale = new Locale.Builder().setLanguageTag(body.locale()).build();
        v.require("locale", !locale.getLanguage().isEmpty(), "must be a BCP 47 language tag such as es-MX");
      } catch (IllformedLocaleException e) {
        v.error("locale", "must be a BCP 47 language tag such as es-MX");
      }
    }
    if (body.timeZone() != null && !v.hasError("timeZone")) {
      try {
        ZoneId.of(body.timeZone());
      } catch (DateTimeException e) {
        v.error("timeZone", "must be an IANA time zone such as Europe/Madrid");
      }
    }
    if (body.currency() != null) {
      try {
        v.require(
            "currency",
            body.currency().equals(Currency.getInstance(body.currency()).getCurrencyCode()),
            "must be an ISO 4217 code such as EUR");
      } catch (IllegalArgumentException e) {
        v.error("currency", "must be an ISO 4217 code such as EUR");
      }
    }
    v.throwIfInvalid();
    Map<String, String> changes = new HashMap<>();
    changes.put("locale", body.locale());
    changes.put("timeZone", body.timeZone());
    changes.put("currency", body.currency());
    return toDTO(store.write(TenantPrincipal.of(security).schema(), changes));
  }

  private static SettingsDTO toDTO(Map<String, String> values) {
    return new SettingsDTO(
        values.getOrDefault("locale", DEFAULTS.locale()),
        values.getOrDefault("timeZone", DEFAULTS.timeZone()),
        values.getOrDefault("currency", DEFAULTS.currency()));
  }
}
