package com.ngx.tenant;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.osgi.annotation.versioning.ProviderType;

/** Creates, lists and revokes API keys; secrets are stored as SHA-256 hashes only. */
@ProviderType
public interface ApiKeyService {

  /** Creates a key for an existing, non-deleted tenant. */
  CreatedApiKey createTenantKey(UUID tenantId, String name, Set<String> scopes);

  /** Creates an operator key (for bootstrap and operator tooling). */
  CreatedApiKey createOperatorKey(String name);

  /** Whether any operator key is stored. */
  boolean hasOperatorKey();

  /** The tenant's keys (revoked ones included), newest first. */
  List<ApiKey> list(UUID tenantId, int offset, int limit);

  long count(UUID tenantId);

  /** Revokes the tenant's key; false if the tenant has no such key. */
  boolean revoke(UUID tenantId, UUID keyId);
}
