package com.ngx.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.api.tenant.TenantContext;
import com.ngx.rest.Access;
import com.ngx.rest.ApiException;
import com.ngx.rest.ApiPrincipal;
import com.ngx.rest.Authenticator;
import com.ngx.rest.OperatorPrincipal;
import com.ngx.rest.PublisherPrincipal;
import com.ngx.rest.RateLimit;
import com.ngx.rest.TenantPrincipal;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Response;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessFeatureTest {

  // --- resources whose annotations the policy is read from ---

  @Access(scope = "keys:read")
  static final class TenantResource {
    public void inherits() {}

    @Access(operator = true)
    public void operatorOnly() {}

    @Access(anonymous = true)
    public void open() {}
  }

  static final class PlainResource {
    public void unannotated() {}

    @Access(operator = true, scope = "settings:write")
    public void both() {}

    @Access(scope = Access.ANY_SCOPE)
    public void anyTenant() {}
  }

  private record Info(Class<?> resourceClass, Method resourceMethod) implements ResourceInfo {
    @Override
    public Method getResourceMethod() {
      return resourceMethod;
    }

    @Override
    public Class<?> getResourceClass() {
      return resourceClass;
    }
  }

  private static Access policy(Class<?> type, String method) {
    try {
      return AccessFeature.policyOf(new Info(type, type.getMethod(method)));
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @CsvSource({
    // the class annotation applies to a method without one
    "TenantResource, inherits, false, false, keys:read",
    // a method annotation beats the class annotation
    "TenantResource, operatorOnly, false, true, ''",
    "TenantResource, open, true, false, ''",
    // neither annotated: operators only (fail closed)
    "PlainResource, unannotated, false, true, ''",
    // a method annotation on an unannotated class
    "PlainResource, both, false, true, settings:write",
  })
  void policyOf(String type, String method, boolean anonymous, boolean operator, String scope) {
    Class<?> resource = type.equals("TenantResource") ? TenantResource.class : PlainResource.class;

    Access access = policy(resource, method);

    assertEquals(anonymous, access.anonymous());
    assertEquals(operator, access.operator());
    assertEquals(scope, access.scope());
  }

  @Test
  void policyOfAClassWithoutAMethodIsTheClassPolicy() {
    assertEquals("keys:read", AccessFeature.policyOf(new Info(TenantResource.class, null)).scope());
    assertTrue(AccessFeature.policyOf(new Info(null, null)).operator());
  }

  // --- the filter ---

  private static final UUID ACME = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final RateLimit DEFAULT_LIMIT = new RateLimit(1, 2);

  private static TenantPrincipal tenant(boolean active, RateLimit limit, String... scopes) {
    return new TenantPrincipal(
        new TenantContext(ACME, "acme"),
        "t_acme",
        active,
        active ? null : "The tenant is suspended: unpaid",
        "key-" + String.join("-", scopes),
        Set.of(scopes),
        limit);
  }

  private final Map<String, ApiPrincipal> keys =
      Map.of(
          "op-key", new OperatorPrincipal("config"),
          "reader", tenant(true, new RateLimit(1, 5), "keys:read"),
          "writer", tenant(true, new RateLimit(1, 5), "settings:write"),
          "all", tenant(true, new RateLimit(1, 5), "*"),
          "suspended", tenant(false, null, "*"),
          "default-limited", tenant(true, null, "*"),
          "limited", tenant(true, new RateLimit(1, 1), "*"));
  private final Authenticator authenticator = key -> Optional.ofNullable(keys.get(key));
  // a second authenticator, as the marketplace registers for publisher keys
  private final Authenticator publishers =
      key -> switch (key) {
        case "pub-key" -> Optional.of(new PublisherPrincipal(ACME, "pk", true, null));
        case "pending-pub" -> Optional.of(new PublisherPrincipal(ACME, "pk2", false, "Awaiting approval"));
        default -> Optional.empty();
      };
  private final RateLimiter limiter = new RateLimiter();
  private final AccessFeature feature = new AccessFeature(() -> List.of(authenticator, publishers), limiter, DEFAULT_LIMIT);

  private ContainerRequest pass(Access access, String authorization) {
    ContainerRequest request = Requests.withAuthorization(authorization);
    feature.new AccessFilter(access).filter(request);
    return request;
  }

  private ApiException refused(Access access, String authorization) {
    return assertThrows(ApiException.class, () -> pass(access, authorization));
  }

  @Access(publisher = true, operator = true)
  static final class PublisherResource {
    public void publish() {}
  }

  @Test
  void publisherKeysPassOnlyWherePublishersAreAdmitted() {
    ContainerRequest request = pass(policy(PublisherResource.class, "publish"), "Bearer pub-key");
    assertTrue(request.getSecurityContext().getUserPrincipal() instanceof PublisherPrincipal);
    assertTrue(request.getSecurityContext().isUserInRole("publisher"));
    // a pending publisher is told why
    ApiException pending = refused(policy(PublisherResource.class, "publish"), "Bearer pending-pub");
    assertEquals(403, pending.status());
    assertEquals("Awaiting approval", pending.getMessage());
    // tenant and operator endpoints refuse publisher keys
    assertEquals(403, refused(policy(TenantResource.class, "inherits"), "Bearer pub-key").status());
    assertEquals(403, refused(policy(PlainResource.class, "unannotated"), "Bearer pub-key").status());
  }

  @Test
  void anonymousEndpointsNeedNoKey() {
    ContainerRequest request = pass(policy(TenantResource.class, "open"), null);

    assertNull(request.getSecurityContext().getUserPrincipal());
  }

  @ParameterizedTest
  @CsvSource(
      value = {
        // no header at all
        "NULL",
        // a blank header
        "'  '",
        // another scheme
        "Basic b3A6a2V5",
        // an unknown key
        "Bearer nope",
        // "Bearer" with nothing after it
        "'Bearer '",
      },
      nullValues = "NULL")
  void missingWrongOrUnknownKeysAre401(String authorization) {
    ApiException e = refused(policy(PlainResource.class, "unannotated"), authorization);

    assertEquals(401, e.status());
    assertEquals("Bearer", e.headers().get("WWW-Authenticate"));
  }

  @Test
  void noAuthenticatorYetIs503() {
    AccessFeature starting = new AccessFeature(List::of, limiter, DEFAULT_LIMIT);
    ContainerRequest request = Requests.withAuthorization("Bearer op-key");

    ApiException e =
        assertThrows(
            ApiException.class,
            () -> starting.new AccessFilter(policy(PlainResource.class, "unannotated")).filter(request));

    assertEquals(503, e.status());
  }

  @Test
  void anOperatorOnAnOperatorEndpointPassesWithItsPrincipal() {
    // the scheme name is case-insensitive
    ContainerRequest request = pass(policy(PlainResource.class, "unannotated"), "bearer op-key");

    assertEquals(new OperatorPrincipal("config"), request.getSecurityContext().getUserPrincipal());
    assertTrue(request.getSecurityContext().isUserInRole("operator"));
    assertFalse(request.getSecurityContext().isUserInRole("tenant"));
    assertTrue(request.getSecurityContext().isSecure());
    assertEquals("Bearer", request.getSecurityContext().getAuthenticationScheme());
  }

  @ParameterizedTest
  @CsvSource({
    // an operator on a tenant endpoint
    "TenantResource, inherits, op-key, 403",
    // a tenant on an operator-only endpoint (method annotation)
    "TenantResource, operatorOnly, all, 403",
    // a tenant on an unannotated endpoint (operators only)
    "PlainResource, unannotated, all, 403",
    // a suspended tenant, even with '*'
    "TenantResource, inherits, suspended, 403",
    // a tenant key without the scope
    "TenantResource, inherits, writer, 403",
  })
  void wrongCallersAre403(String type, String method, String key, int status) {
    Class<?> resource = type.equals("TenantResource") ? TenantResource.class : PlainResource.class;

    assertEquals(status, refused(policy(resource, method), "Bearer " + key).status());
  }

  @Test
  void aSuspendedTenantIsToldWhy() {
    ApiException e = refused(policy(TenantResource.class, "inherits"), "Bearer suspended");

    assertEquals("The tenant is suspended: unpaid", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    // the exact scope
    "TenantResource, inherits, reader",
    // '*' holds every scope
    "TenantResource, inherits, all",
    // any scope will do on an ANY_SCOPE endpoint
    "PlainResource, anyTenant, writer",
    // an endpoint for both operators and a scope, called by an operator
    "PlainResource, both, op-key",
    // ... and by a tenant with the scope
    "PlainResource, both, writer",
  })
  void rightCallersPass(String type, String method, String key) {
    Class<?> resource = type.equals("TenantResource") ? TenantResource.class : PlainResource.class;

    ContainerRequest request = pass(policy(resource, method), "Bearer " + key);

    assertSame(keys.get(key), request.getSecurityContext().getUserPrincipal());
  }

  @Test
  void tenantsOverTheirLimitGet429WithRetryAfter() {
    Access access = policy(TenantResource.class, "inherits");
    ContainerRequest first = pass(access, "Bearer limited");

    ApiException e = refused(access, "Bearer limited");

    RateLimiter.Decision decision = (RateLimiter.Decision) first.getProperty(AccessFeature.DECISION);
    assertTrue(decision.allowed());
    assertEquals(new RateLimit(1, 1), decision.limit());
    assertEquals(429, e.status());
    assertTrue(Long.parseLong(e.headers().get("Retry-After")) >= 1);
  }

  @Test
  void tenantsWithoutTheirOwnLimitGetTheDefault() {
    Access access = policy(TenantResource.class, "inherits");
    ContainerRequest first = pass(access, "Bearer default-limited");
    pass(access, "Bearer default-limited");

    ApiException e = refused(access, "Bearer default-limited");

    assertEquals(DEFAULT_LIMIT, ((RateLimiter.Decision) first.getProperty(AccessFeature.DECISION)).limit());
    assertEquals(429, e.status());
  }

  @Test
  void operatorsAreNotRateLimited() {
    Access access = policy(PlainResource.class, "unannotated");
    for (int i = 0; i < 10; i++) {
      assertNull(pass(access, "Bearer op-key").getProperty(AccessFeature.DECISION));
    }
  }

  @Test
  void rateLimitHeadersDescribeTheDecision() throws Exception {
    ContainerRequest request = Requests.request("GET", "things");
    request.setProperty(
        AccessFeature.DECISION, new RateLimiter.Decision(true, new RateLimit(10, 100), 95, 0));
    ContainerResponse response = new ContainerResponse(request, Response.ok().build());

    new AccessFeature.RateLimitHeaders().filter(request, response);

    assertEquals("100", response.getHeaderString("RateLimit-Limit"));
    assertEquals("95", response.getHeaderString("RateLimit-Remaining"));
    assertEquals("1", response.getHeaderString("RateLimit-Reset"));
    assertEquals("100;w=10", response.getHeaderString("RateLimit-Policy"));
  }

  @Test
  void noRateLimitHeadersWithoutADecision() throws Exception {
    ContainerRequest request = Requests.request("GET", "things");
    ContainerResponse response = new ContainerResponse(request, Response.ok().build());

    new AccessFeature.RateLimitHeaders().filter(request, response);

    assertNull(response.getHeaderString("RateLimit-Limit"));
  }
}
