package com.ngx.rest;

/** Names shared by the API servlet and the resources it serves. */
public final class RestConstants {

  /** The name of the JAX-RS application served under {@value #BASE_PATH}. */
  public static final String APPLICATION_NAME = "ngx-api-v1";

  /** Filter for {@code @JaxrsApplicationSelect} that selects the API application. */
  public static final String APPLICATION_SELECT = "(osgi.jaxrs.name=" + APPLICATION_NAME + ")";

  /** Where the API is served. */
  public static final String BASE_PATH = "/api/v1";

  /** Media type of error bodies (RFC 9457). */
  public static final String PROBLEM_JSON = "application/problem+json";

  private RestConstants() {}
}
