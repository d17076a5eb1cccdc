package com.ngx.rest;

import java.util.UUID;

/** Ids in request paths: an id that is not a UUID names nothing, so it is a 404 like an unknown one. */
public final class PathIds {
  private PathIds() {}

  /**
   * The UUID in a path segment.
   *
   * @param what what the id names, for the problem's detail ("tenant", "listing", …)
   */
  public static UUID uuid(String id, String what) {
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
