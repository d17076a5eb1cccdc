package com.ngx.tenant.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ngx.api.tenant.TenantContext;
import com.ngx.rest.ApiException;
import com.ngx.rest.ApiPrincipal;
import com.ngx.rest.FieldError;
import com.ngx.rest.OperatorPrincipal;
import com.ngx.rest.TenantPrincipal;
import com.ngx.tenant.internal.SettingsStore;
import com.ngx.tenant.internal.TenantDatabase;
import com.ngx.tenant.internal.rest.TenantDTOs.SettingsDTO;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Validation of PUT /settings, with a store without a database: a body that passes validation
 * would reach it only after the caller is checked, and there is no caller, so it ends in a 401.
 * Then GET and PUT for a tenant caller, on the real store over H2.
 */
class SettingsResourceTest {

  private final SettingsResource resource = new SettingsResource(new SettingsStore(null, null, null));

  private static final String LOCALE = "must be a BCP 47 language tag such as es-MX";
  private static final String ZONE = "must be an IANA time zone such as Europe/Madrid";
  private static final String CURRENCY = "must be an ISO 4217 code such as EUR";

  @Test
  void noBodyIs400() {
    ApiException e = assertThrows(ApiException.class, () -> resource.put(null, null));

    assertEquals(400, e.status());
    assertEquals("Bad request", e.title());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // not a language tag
        "en_US!    | UTC               | EUR  | locale",
        // a tag without a language (only a private use part)
        "x-private | UTC               | EUR  | locale",
        // not a time zone
        "en        | Mars/Olympus_Mons | EUR  | timeZone",
        // an abbreviation, not an IANA zone
        "en        | CEST              | EUR  | timeZone",
        // not a currency
        "en        | UTC               | EURO | currency",
        "en        | UTC               | XYZ  | currency",
        // a currency in lower case
        "en        | UTC               | eur  | currency",
        // everything wrong: every field reported
        "!!        | nowhere           | ???  | locale,timeZone,currency",
      })
  void invalidSettingsAre400NamingEachField(String locale, String zone, String currency, String fields) {
    ApiException e =
        assertThrows(
            ApiException.class, () -> resource.put(null, new SettingsDTO(locale, zone, currency)));

    assertEquals(400, e.status());
    List<FieldError> expected =
        List.of(fields.split(",")).stream()
            .map(f -> new FieldError(f, switch (f) {
              case "locale" -> LOCALE;
              case "timeZone" -> ZONE;
              default -> CURRENCY;
            }))
            .toList();
    assertEquals(expected, e.errors());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // typical values
        "es-MX | America/Mexico_City | MXN",
        "en    | UTC                 | USD",
        "de-CH | Europe/Zurich       | CHF",
        // a fixed offset is a valid ZoneId
        "fr    | +01:00              | EUR",
        // nulls reset to the defaults and are not validated
        "NULL  | NULL                | NULL",
      },
      nullValues = "NULL")
  void validSettingsPassValidation(String locale, String zone, String currency) {
    ApiException e =
        assertThrows(
            ApiException.class, () -> resource.put(null, new SettingsDTO(locale, zone, currency)));

    // past validation: refused only for want of a tenant caller
    assertEquals(401, e.status());
  }

  @Test
  void defaultsAreEnglishUtcAndDollars() {
    assertEquals(new SettingsDTO("en", "UTC", "USD"), SettingsResource.DEFAULTS);
  }

  // --- a tenant caller, on the database ---

  private record Caller(ApiPrincipal principal) implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
      return false;
    }

    @Override
    public boolean isSecure() {
      return true;
    }

    @Override
    public String getAuthenticationScheme() {
      return "Bearer";
    }
  }

  private static Caller tenantCaller(String schema) {
    return new Caller(
        new TenantPrincipal(
            new TenantContext(UUID.randomUUID(), "acme"), schema, true, null, "k", Set.of("*"), null));
  }

  @Test
  void putThenGetAndNullsResetToTheDefaults() {
    TenantDatabase db = TenantDatabase.get();
    String schema = "t_" + TenantDatabase.uniqueSlug("set").replace('-', '_');
    db.createSchema(schema);
    SettingsResource stored = new SettingsResource(new SettingsStore(db.unit(), null, db.tx()));
    Caller caller = tenantCaller(schema);
    SettingsDTO mexico = new SettingsDTO("es-MX", "America/Mexico_City", "MXN");

    assertEquals(SettingsResource.DEFAULTS, stored.get(caller));
    assertEquals(mexico, stored.put(caller, mexico));
    assertEquals(mexico, stored.get(caller));
    assertEquals(new SettingsDTO("es-MX", "UTC", "USD"), stored.put(caller, new SettingsDTO("es-MX", null, null)));
    assertEquals(new SettingsDTO("es-MX", "UTC", "USD"), stored.get(caller));
  }

  @Test
  void operatorsHaveNoSettings() {
    Caller operator = new Caller(new OperatorPrincipal("config"));

    assertEquals(403, assertThrows(ApiException.class, () -> resource.get(operator)).status());
    assertEquals(
        403,
        assertThrows(ApiException.class, () -> resource.put(operator, SettingsResource.DEFAULTS))
            .status());
  }
}
