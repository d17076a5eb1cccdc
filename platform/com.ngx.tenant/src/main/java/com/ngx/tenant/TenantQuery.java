package com.ngx.tenant;

/**
 * A filter and page of the tenant list.
 *
 * @param status only tenants in this state, or null for all but purged ones
 * @param text only tenants whose slug or name contains this text (case-insensitive), or null
 * @param offset how many matches to skip
 * @param limit how many to return
 */
public record TenantQuery(TenantStatus status, String text, int offset, int limit) {}
