package com.ngx.rest;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/** Turns a bearer key into the principal it belongs to. Registered by the tenant bundle. */
@ConsumerType
public interface Authenticator {

  /**
   * The principal of a key, or empty if the key is unknown or revoked. Must be fast: it runs on
   * every authenticated request.
   */
  Optional<ApiPrincipal> authenticate(String bearerKey);
}
