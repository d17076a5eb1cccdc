package com.ngx.tenant.internal.rest;

import com.ngx.rest.ApiException;
import java.util.UUID;

/** Path ids: an id that is not a UUID names nothing, so it is a 404 like an unknown one. */
final class Ids {
  private Ids() {}

  static UUID parse(String id, String what) {
    try {
      if (id != null && id.length() == 36) {
        return UUID.fromString(id);
      }
    } catch (IllegalArgumentException notAUuid) {
      // fall through
    }
    throw ApiException.notFound("No " + what + " " + id);
  }
}
