package com.ngx.rest.internal;

import com.ngx.rest.ApiException;
import com.ngx.rest.MaxBodySize;
import java.lang.reflect.Method;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.annotation.Priority;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.ResourceInfo;
import javax.ws.rs.core.Context;

/**
 * Refuses bodies larger than the configured limit with 413: at once when the Content-Length says
 * so, and while reading when the body is chunked. A resource method may set its own limit with
 * {@link MaxBodySize} (so the filter runs after matching; nothing reads a body before that).
 */
@Priority(2)
final class BodyLimit implements ContainerRequestFilter {

  private final long maxBytes;

  @Context private ResourceInfo resource;

  BodyLimit(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    long maxBytes = limitFor(resource == null ? null : resource.getResourceMethod());
    if (request.getLength() > maxBytes) {
      throw tooLarge(maxBytes);
    }
    if (request.hasEntity()) {
      request.setEntityStream(new Limited(request.getEntityStream(), maxBytes));
    }
  }

  private long limitFor(Method method) {
    MaxBodySize own = method == null ? null : method.getAnnotation(MaxBodySize.class);
    return own == null ? maxBytes : own.value();
  }

  static ApiException tooLarge(long maxBytes) {
    // Connection: close: the server answers without waiting for (and reading) the rest of the body
    return new ApiException(
        413, "Payload too large", "The body exceeds the limit of " + maxBytes + " bytes", List.of(),
        java.util.Map.of("Connection", "close"));
  }

  private static final class Limited extends FilterInputStream {
    private final long max;
    private long count;

    Limited(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      count += n;
      if (count > max) {
        throw tooLarge(max);
      }
    }
  }
}
