package com.ngx.rest;

import java.util.UUID;

/**
 * A partner (a reseller or agency that owns client tenants), calling with one of its partner keys.
 *
 * @param partnerId the partner's id
 * @param keyId the key's id
 * @param active whether the partner may act (not suspended)
 * @param inactiveReason why not, when it is not active
 */
public record PartnerPrincipal(UUID partnerId, String keyId, boolean active, String inactiveReason)
    implements ApiPrincipal {
  @Override
  public String getName() {
    return "partner:" + partnerId;
  }
}
