package com.ngx.tenant;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * An API key without its secret.
 *
 * @param id the key's id
 * @param tenantId the tenant it belongs to, or null for an operator key
 * @param name what it is for
 * @param prefix the first characters of the secret, to recognise it
 * @param scopes what it may do
 * @param createdAt when it was created
 * @param revokedAt when it was revoked, or null
 */
public record ApiKey(
    UUID id,
    UUID tenantId,
    String name,
    String prefix,
    Set<String> scopes,
    Instant createdAt,
    Instant revokedAt) {}
