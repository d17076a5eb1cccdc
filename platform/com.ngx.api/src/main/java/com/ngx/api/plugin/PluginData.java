package com.ngx.api.plugin;

import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A plugin's key–value store for one tenant, kept in that tenant's own database schema.
 *
 * <p>This is the only place a plugin may persist anything: plugins get no file system access.
 * When a tenant uninstalls the plugin it chooses to retain this data (a later install sees it
 * again), export it (as JSON) or purge it. Each call is its own transaction. Keys are 1–200
 * characters; values are at most 64 KiB of text (JSON is a good choice).
 */
@ProviderType
public interface PluginData {
  /** The value stored under {@code key}, if any. */
  Optional<String> get(String key);

  /** Stores {@code value} under {@code key}, replacing what was there. */
  void put(String key, String value);

  /** Removes {@code key}; whether there was a value. */
  boolean delete(String key);

  /** Up to {@code limit} (at most 1000) entries whose keys start with {@code prefix}, by key. */
  Map<String, String> list(String prefix, int limit);
}
