package com.ngx.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ngx.rest.ApiException;
import java.io.InputStream;
import java.util.Arrays;
import org.glassfish.jersey.server.ContainerRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BodyLimitTest {

  private static final int MAX = 10;
  private final BodyLimit limit = new BodyLimit(MAX);

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'x');
    return b;
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedAtOnce() {
    ContainerRequest request = Requests.withBody(bytes(MAX + 1), true);

    ApiException e = assertThrows(ApiException.class, () -> limit.filter(request));

    assertEquals(413, e.status());
    assertEquals("The body exceeds the limit of 10 bytes", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    // empty body
    "0, true",
    // one byte under the limit
    "9, false",
    // exactly the limit, declared
    "10, true",
    // exactly the limit, chunked
    "10, false",
  })
  void bodiesUpToTheLimitAreReadWhole(int size, boolean sendLength) throws Exception {
    ContainerRequest request = Requests.withBody(bytes(size), sendLength);

    limit.filter(request);

    assertArrayEquals(bytes(size), request.getEntityStream().readAllBytes());
  }

  @Test
  void aChunkedBodyOverTheLimitFailsWhileBeingRead() throws Exception {
    ContainerRequest request = Requests.withBody(bytes(MAX + 5), false);
    limit.filter(request);
    InputStream in = request.getEntityStream();

    ApiException e = assertThrows(ApiException.class, in::readAllBytes);

    assertEquals(413, e.status());
  }

  @Test
  void readingByteByByteAlsoCounts() throws Exception {
    ContainerRequest request = Requests.withBody(bytes(MAX + 1), false);
    limit.filter(request);
    InputStream in = request.getEntityStream();
    for (int i = 0; i < MAX; i++) {
      assertEquals('x', in.read());
    }

    ApiException e = assertThrows(ApiException.class, in::read);

    assertEquals(413, e.status());
  }
}
