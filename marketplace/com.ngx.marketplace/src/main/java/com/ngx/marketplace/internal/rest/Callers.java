package com.ngx.marketplace.internal.rest;

import com.ngx.api.tenant.TenantContext;
import com.ngx.marketplace.internal.Listings;
import com.ngx.rest.ApiException;
import com.ngx.rest.ApiPrincipal;
import com.ngx.rest.OperatorPrincipal;
import com.ngx.rest.PublisherPrincipal;
import com.ngx.rest.TenantPrincipal;
import java.util.UUID;
import javax.ws.rs.core.SecurityContext;

/** Who is calling, and what they may touch: publishers their own data, tenants their own installations. */
final class Callers {
  private Callers() {}

  static boolean isOperator(SecurityContext security) {
    return ApiPrincipal.of(security) instanceof OperatorPrincipal;
  }

  static TenantPrincipal tenant(SecurityContext security) {
    if (ApiPrincipal.of(security) instanceof TenantPrincipal t) {
      return t;
    }
    throw ApiException.forbidden("This endpoint needs a tenant API key");
  }

  static TenantContext tenantContext(SecurityContext security) {
    return tenant(security).tenant();
  }

  /** 404 unless the caller is an operator or the publisher itself. */
  static void requirePublisher(SecurityContext security, UUID publisherId) {
    ApiPrincipal p = ApiPrincipal.of(security);
    if (p instanceof OperatorPrincipal) {
      return;
    }
    if (p instanceof PublisherPrincipal pub && pub.publisherId().equals(publisherId)) {
      return;
    }
    throw ApiException.notFound("No publisher " + publisherId);
  }

  /** 404 unless the caller is an operator or the listing's publisher. */
  static void requireListingOwner(SecurityContext security, Listings.Listing listing) {
    ApiPrincipal p = ApiPrincipal.of(security);
    if (p instanceof OperatorPrincipal) {
      return;
    }
    if (p instanceof PublisherPrincipal pub && pub.publisherId().equals(listing.publisherId())) {
      return;
    }
    throw ApiException.notFound("No listing " + listing.id());
  }


}
