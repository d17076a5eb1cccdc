package com.ngx.agent.internal.shell;

import com.ngx.rest.ApiException;
import com.ngx.rest.FieldError;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantService;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Tenants by id or slug for the shell commands; API errors as readable messages. */
final class Tenants {
  private Tenants() {}

  static Tenant resolve(TenantService tenants, String idOrSlug) {
    return tenants.find(idOrSlug).orElseThrow(() -> new IllegalArgumentException("No tenant " + idOrSlug));
  }

  static <T> T run(Supplier<T> action) {
    try {
      return action.get();
    } catch (ApiException e) {
      String fields = e.errors().isEmpty() ? ""
          : e.errors().stream().map(FieldError::toString).collect(Collectors.joining("; ", " (", ")"));
      throw new IllegalArgumentException(e.getMessage() + fields, e);
    }
  }
}
