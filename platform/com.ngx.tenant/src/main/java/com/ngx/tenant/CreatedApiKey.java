package com.ngx.tenant;

/**
 * A new key with its secret, which is shown this once and stored only as a hash.
 *
 * @param key the key's details
 * @param secret the bearer secret
 */
public record CreatedApiKey(ApiKey key, String secret) {}
