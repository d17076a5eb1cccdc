package com.ngx.rest;

import java.security.Principal;
import javax.ws.rs.core.SecurityContext;

/** Who is calling the API, as established from the request's key. */
public sealed interface ApiPrincipal extends Principal permits OperatorPrincipal, TenantPrincipal, PublisherPrincipal, PartnerPrincipal {

  /** The id of the API key used. */
  String keyId();

  /** The caller of the current request, or 401 if there is none. */
  static ApiPrincipal of(SecurityContext security) {
    if (security != null && security.getUserPrincipal() instanceof ApiPrincipal p) {
      return p;
    }
    throw ApiException.unauthorized("An API key is required");
  }
}
