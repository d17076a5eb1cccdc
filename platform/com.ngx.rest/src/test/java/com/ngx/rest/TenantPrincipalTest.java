package com.ngx.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ngx.api.tenant.TenantContext;
import java.security.Principal;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import javax.ws.rs.core.SecurityContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantPrincipalTest {

  private static TenantPrincipal tenant(String... scopes) {
    return new TenantPrincipal(
        new TenantContext(UUID.fromString("00000000-0000-0000-0000-000000000001"), "acme"),
        "t_acme",
        true,
        null,
        "k1",
        Set.of(scopes),
        null);
  }

  private record Context(Principal principal) implements SecurityContext {
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
      return false;
    }

    @Override
    public String getAuthenticationScheme() {
      return "Bearer";
    }
  }

  @ParameterizedTest
  @CsvSource({
    // the exact scope
    "settings:read, settings:read, true",
    // another scope of the same area is not enough
    "settings:read, settings:write, false",
    // '*' holds every scope
    "*, keys:write, true",
    // no scope at all
    "'', keys:read, false",
  })
  void hasScope(String held, String asked, boolean expected) {
    TenantPrincipal p = held.isEmpty() ? tenant() : tenant(held);

    assertEquals(expected, p.hasScope(asked));
  }

  @Test
  void scopesAreCopied() {
    Set<String> scopes = new HashSet<>(Set.of("keys:read"));
    TenantPrincipal p =
        new TenantPrincipal(
            new TenantContext(UUID.randomUUID(), "acme"), "t_acme", true, null, "k", scopes, null);
    scopes.add("*");

    assertEquals(Set.of("keys:read"), p.scopes());
  }

  @Test
  void nameSaysTenantAndKey() {
    assertEquals("tenant:acme:k1", tenant().getName());
    assertEquals("operator:config", new OperatorPrincipal("config").getName());
  }

  @Test
  void ofReturnsTheTenantCaller() {
    TenantPrincipal p = tenant("*");

    assertSame(p, TenantPrincipal.of(new Context(p)));
  }

  @Test
  void ofWithoutACallerIs401() {
    assertEquals(401, assertThrows(ApiException.class, () -> TenantPrincipal.of(null)).status());
    assertEquals(
        401, assertThrows(ApiException.class, () -> TenantPrincipal.of(new Context(null))).status());
  }

  @Test
  void ofWithAnOperatorIs403() {
    SecurityContext operator = new Context(new OperatorPrincipal("config"));

    assertEquals(403, assertThrows(ApiException.class, () -> TenantPrincipal.of(operator)).status());
  }

  @Test
  void rateLimitsMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new RateLimit(0, 10));
    assertThrows(IllegalArgumentException.class, () -> new RateLimit(10, 0));
    assertEquals(5, new RateLimit(5, 1).perSecond());
  }
}
