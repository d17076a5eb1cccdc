package com.ngx.tenant;

import java.util.Locale;

/** Where a tenant is in its life. */
public enum TenantStatus {
  /** Its schema is being created; it cannot be used yet. */
  PROVISIONING,
  /** It serves requests. */
  ACTIVE,
  /** Its keys are refused with 403 and the reason (unpaid, abuse); its data is kept. */
  SUSPENDED,
  /** Soft-deleted: refused like an unknown key; its schema is dropped after the grace period. */
  DELETED,
  /** Its schema is gone; the record stays so the slug is never reused. */
  PURGED;

  /** The lower-case name used in the API. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the API name, or returns null if it is not one. */
  public static TenantStatus fromApiName(String name) {
    for (TenantStatus s : values()) {
      if (s.apiName().equals(name)) {
        return s;
      }
    }
    return null;
  }
}
