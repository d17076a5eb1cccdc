package com.ngx.tenant.internal.shell;

import com.ngx.rest.ApiException;
import com.ngx.rest.FieldError;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantService;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Shared helpers of the shell commands: tenants by id or slug, errors as plain messages. */
final class TenantRef {
  private TenantRef() {}

  static Tenant resolve(TenantService tenants, String idOrSlug) {
    return tenants.find(idOrSlug).orElseThrow(() -> new IllegalArgumentException("No tenant " + idOrSlug));
  }

  /** Runs the action; an API error becomes an exception with a readable message. */
  static <T> T run(Supplier<T> action) {
    try {
      return action.get();
    } catch (ApiException e) {
      String fields =
          e.errors().isEmpty()
              ? ""
              : e.errors().stream()
                  .map(FieldError::toString)
                  .collect(Collectors.joining("; ", " (", ")"));
      throw new IllegalArgumentException(e.getMessage() + fields, e);
    }
  }
}
