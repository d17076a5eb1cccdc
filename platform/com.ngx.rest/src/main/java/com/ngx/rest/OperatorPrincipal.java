package com.ngx.rest;

/**
 * A platform operator.
 *
 * @param keyId the key's id ({@code config} or {@code env} for keys from configuration)
 */
public record OperatorPrincipal(String keyId) implements ApiPrincipal {
  @Override
  public String getName() {
    return "operator:" + keyId;
  }
}
