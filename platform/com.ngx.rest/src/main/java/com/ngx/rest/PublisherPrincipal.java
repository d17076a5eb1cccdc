package com.ngx.rest;

import java.util.UUID;

/**
 * A marketplace publisher, calling with one of its publisher API keys.
 *
 * @param publisherId the publisher's id
 * @param keyId the key's id
 * @param active whether the publisher may act (approved and not suspended)
 * @param inactiveReason why not, when it is not active
 */
public record PublisherPrincipal(UUID publisherId, String keyId, boolean active, String inactiveReason)
    implements ApiPrincipal {
  @Override
  public String getName() {
    return "publisher:" + publisherId;
  }
}
