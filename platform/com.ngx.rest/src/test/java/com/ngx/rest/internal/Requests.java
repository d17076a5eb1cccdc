package com.ngx.rest.internal;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.Principal;
import javax.ws.rs.core.SecurityContext;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ResourceConfig;

/** Jersey's own request objects, built without a server, for the filters' tests. */
final class Requests {
  private Requests() {}

  /** What the servlet container says before authentication: nobody, over HTTPS or not. */
  record Transport(boolean secure) implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      return null;
    }

    @Override
    public boolean isUserInRole(String role) {
      return false;
    }

    @Override
    public boolean isSecure() {
      return secure;
    }

    @Override
    public String getAuthenticationScheme() {
      return null;
    }
  }

  static ContainerRequest request(String method, String path) {
    return new ContainerRequest(
        URI.create("http://localhost/api/v1/"),
        URI.create("http://localhost/api/v1/" + path),
        method,
        new Transport(true),
        new MapPropertiesDelegate(),
        new ResourceConfig());
  }

  static ContainerRequest withAuthorization(String authorization) {
    ContainerRequest request = request("GET", "things");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  static ContainerRequest withBody(byte[] body, boolean sendLength) {
    ContainerRequest request = request("POST", "things");
    request.header("Content-Type", "application/json");
    if (sendLength) {
      request.header("Content-Length", Integer.toString(body.length));
    }
    request.setEntityStream(new ByteArrayInputStream(body));
    return request;
  }
}
