package com.ngx.tenant.internal.rest;

import com.ngx.tenant.ApiKey;
import com.ngx.tenant.Tenant;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The JSON documents of the tenant and API-key endpoints. */
final class TenantDTOs {
  private TenantDTOs() {}

  @Schema(description = "A new tenant")
  record NewTenantDTO(
      @Schema(description = "Unique, immutable: 3-40 lowercase letters, digits, hyphens", example = "acme")
          String slug,
      @Schema(description = "Display name", example = "Acme Corp") String name) {}

  @Schema(description = "A tenant's own request rate limit; null fields use the platform default")
  record LimitsDTO(Integer ratePerSecond, Integer rateBurst) {}

  @Schema(description = "Changes to a tenant; absent fields are left as they are")
  record TenantPatchDTO(String name, LimitsDTO limits) {}

  record SuspendDTO(@Schema(description = "Why, shown to the tenant's callers") String reason) {}

  record TenantDTO(
      UUID id,
      String slug,
      String name,
      String status,
      String statusReason,
      LimitsDTO limits,
      Instant createdAt,
      Instant updatedAt,
      Instant deletedAt,
      Instant purgeAfter) {

    static TenantDTO of(Tenant t) {
      return new TenantDTO(
          t.id(),
          t.slug(),
          t.name(),
          t.status().apiName(),
          t.statusReason(),
          new LimitsDTO(t.ratePerSecond(), t.rateBurst()),
          t.createdAt(),
          t.updatedAt(),
          t.deletedAt(),
          t.purgeAfter());
    }
  }

  record TenantPageDTO(List<TenantDTO> items, int offset, int limit, long total) {}

  @Schema(description = "A new API key")
  record NewApiKeyDTO(
      @Schema(description = "What the key is for", example = "CRM sync") String name,
      @Schema(description = "What it may do; '*' for everything", example = "[\"settings:read\"]")
          List<String> scopes) {}

  record ApiKeyDTO(
      UUID id, String name, String prefix, List<String> scopes, Instant createdAt, Instant revokedAt) {
    static ApiKeyDTO of(ApiKey k) {
      return new ApiKeyDTO(
          k.id(), k.name(), k.prefix(), List.copyOf(k.scopes()), k.createdAt(), k.revokedAt());
    }
  }

  @Schema(description = "A new API key with its secret, shown only in this response")
  record CreatedApiKeyDTO(
      UUID id,
      String name,
      String prefix,
      List<String> scopes,
      Instant createdAt,
      @Schema(description = "The secret: send it as 'Authorization: Bearer <key>'") String key) {}

  record ApiKeyPageDTO(List<ApiKeyDTO> items, int offset, int limit, long total) {}

  record CallerKeyDTO(String id, List<String> scopes) {}

  @Schema(description = "The calling tenant and key")
  record MeDTO(UUID id, String slug, String name, String status, CallerKeyDTO key) {}

  @Schema(description = "A tenant's preferences; null fields fall back to the defaults")
  record SettingsDTO(
      @Schema(description = "BCP 47 language tag", example = "es-MX") String locale,
      @Schema(description = "IANA time zone", example = "America/Mexico_City") String timeZone,
      @Schema(description = "ISO 4217 currency", example = "MXN") String currency) {}
}
