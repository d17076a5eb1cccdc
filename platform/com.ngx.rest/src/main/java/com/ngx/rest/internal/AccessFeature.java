package com.ngx.rest.internal;

import com.ngx.rest.Access;
import com.ngx.rest.ApiException;
import com.ngx.rest.ApiPrincipal;
import com.ngx.rest.Authenticator;
import com.ngx.rest.OperatorPrincipal;
import com.ngx.rest.PartnerPrincipal;
import com.ngx.rest.PublisherPrincipal;
import com.ngx.rest.RateLimit;
import com.ngx.rest.TenantPrincipal;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.List;
import java.util.function.Supplier;
import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.container.DynamicFeature;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.FeatureContext;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;

/**
 * Puts an {@link AccessFilter} in front of every resource method: authentication from the bearer
 * key, the method's {@link Access} policy, the tenant's state and its rate limit, in that order.
 */
final class AccessFeature implements DynamicFeature {

  static final String DECISION = "ngx.rateLimit";
  private static final Access OPERATOR_ONLY = OperatorOnly.class.getAnnotation(Access.class);

  @Access(operator = true)
  private static final class OperatorOnly {}

  private final Supplier<List<Authenticator>> authenticators;
  private final RateLimiter limiter;
  private final RateLimit defaultLimit;

  AccessFeature(Supplier<List<Authenticator>> authenticators, RateLimiter limiter, RateLimit defaultLimit) {
    this.authenticators = authenticators;
    this.limiter = limiter;
    this.defaultLimit = defaultLimit;
  }

  @Override
  public void configure(ResourceInfo resourceInfo, FeatureContext context) {
    context.register(new AccessFilter(policyOf(resourceInfo)));
  }

  static Access policyOf(ResourceInfo info) {
    Method method = info.getResourceMethod();
    Access access = method == null ? null : method.getAnnotation(Access.class);
    if (access == null && info.getResourceClass() != null) {
      access = info.getResourceClass().getAnnotation(Access.class);
    }
    return access == null ? OPERATOR_ONLY : access;
  }

  @Priority(Priorities.AUTHENTICATION)
  final class AccessFilter implements ContainerRequestFilter {
    private final Access access;

    AccessFilter(Access access) {
      this.access = access;
    }

    @Override
    public void filter(ContainerRequestContext request) {
      if (access.anonymous()) {
        return;
      }
      ApiPrincipal principal = authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
      if (principal instanceof OperatorPrincipal) {
        if (!access.operator()) {
          throw ApiException.forbidden("This endpoint needs a tenant API key, not an operator key");
        }
      } else if (principal instanceof PublisherPrincipal publisher) {
        if (!access.publisher()) {
          throw ApiException.forbidden("This endpoint is not for publisher keys");
        }
        if (!publisher.active()) {
          throw ApiException.forbidden(publisher.inactiveReason());
        }
      } else if (principal instanceof PartnerPrincipal partner) {
        if (!access.partner()) {
          throw ApiException.forbidden("This endpoint is not for partner keys");
        }
        if (!partner.active()) {
          throw ApiException.forbidden(partner.inactiveReason());
        }
      } else if (principal instanceof TenantPrincipal tenant) {
        if (access.scope().isEmpty()) {
          throw ApiException.forbidden("This endpoint is for platform operators only");
        }
        if (!tenant.active()) {
          throw ApiException.forbidden(tenant.inactiveReason());
        }
        if (!Access.ANY_SCOPE.equals(access.scope()) && !tenant.hasScope(access.scope())) {
          throw ApiException.forbidden("The API key lacks the scope '" + access.scope() + "'");
        }
        RateLimit limit = tenant.rateLimit() == null ? defaultLimit : tenant.rateLimit();
        RateLimiter.Decision decision = limiter.consume(tenant.tenant().id(), limit);
        request.setProperty(DECISION, decision);
        if (!decision.allowed()) {
          throw new ApiException(
              429,
              "Too many requests",
              "Rate limit of " + limit.perSecond() + " requests per second exceeded; retry in "
                  + decision.retryAfterSeconds() + " s",
              java.util.List.of(),
              java.util.Map.of("Retry-After", Long.toString(decision.retryAfterSeconds())));
        }
      }
      boolean secure = request.getSecurityContext().isSecure();
      request.setSecurityContext(new ApiSecurityContext(principal, secure));
    }

    private ApiPrincipal authenticate(String header) {
      if (header == null || header.isBlank()) {
        throw ApiException.unauthorized("An API key is required: send Authorization: Bearer <key>");
      }
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw ApiException.unauthorized("Use the Bearer scheme: Authorization: Bearer <key>");
      }
      List<Authenticator> all = authenticators.get();
      if (all.isEmpty()) {
        throw new ApiException(
            503, "Service unavailable", "Authentication is starting; retry shortly", java.util.List.of());
      }
      String key = header.substring(7).trim();
      for (Authenticator auth : all) {
        java.util.Optional<ApiPrincipal> principal = auth.authenticate(key);
        if (principal.isPresent()) {
          return principal.get();
        }
      }
      throw ApiException.unauthorized("The API key is invalid or revoked");
    }
  }

  /** Adds the IETF RateLimit headers to every response of a tenant request. */
  static final class RateLimitHeaders implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
      if (request.getProperty(DECISION) instanceof RateLimiter.Decision d) {
        response.getHeaders().putSingle("RateLimit-Limit", d.limit().burst());
        response.getHeaders().putSingle("RateLimit-Remaining", d.remaining());
        response.getHeaders().putSingle("RateLimit-Reset", d.resetSeconds());
        response.getHeaders().putSingle("RateLimit-Policy", d.limit().burst() + ";w=" 
            + Math.max(1, d.limit().burst() / d.limit().perSecond()));
      }
    }
  }

  private record ApiSecurityContext(ApiPrincipal principal, boolean secure)
      implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return principal;
    }

    @Override
    public boolean isUserInRole(String role) {
      return switch (role) {
        case "operator" -> principal instanceof OperatorPrincipal;
        case "tenant" -> principal instanceof TenantPrincipal;
        case "publisher" -> principal instanceof PublisherPrincipal;
        case "partner" -> principal instanceof PartnerPrincipal;
        default -> false;
      };
    }

    @Override
    public boolean isSecure() {
      return secure;
    }

    @Override
    public String getAuthenticationScheme() {
      return "Bearer";
    }
  }
}
