package com.ngx.api.tenant;

import java.util.Objects;
import java.util.UUID;

/**
 * The tenant on whose behalf the platform calls a plugin or a platform service.
 *
 * <p>The platform binds it from the caller's authentication (API key, session, widget key or
 * verified domain); it is never taken from a request field. A plugin receives it with every
 * call and must scope everything it stores or returns to it.
 *
 * @param id the tenant's stable identifier
 * @param slug the tenant's unique, immutable short name (lowercase letters, digits, hyphens)
 */
public record TenantContext(UUID id, String slug) {
  public TenantContext {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(slug, "slug");
  }
}
