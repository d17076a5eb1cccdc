package com.ngx.integration.webhook.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetsTest {

  @ParameterizedTest(name = "{0} public={1}")
  @CsvSource({
    // loopback
    "127.0.0.1, false",
    "::1, false",
    // private networks (RFC 1918)
    "10.1.2.3, false",
    "172.16.0.1, false",
    "192.168.1.1, false",
    // link-local, where cloud metadata services live
    "169.254.169.254, false",
    "fe80::1, false",
    // carrier-grade NAT, "this network", the unspecified address, multicast
    "100.64.0.1, false",
    "0.1.2.3, false",
    "0.0.0.0, false",
    "224.0.0.1, false",
    // IPv6 unique local, and IPv4 mapped into IPv6
    "fd00::1, false",
    "::ffff:10.0.0.1, false",
    // public addresses, including the neighbours of the blocked ranges
    "8.8.8.8, true",
    "100.128.0.1, true",
    "172.32.0.1, true",
    "2001:4860:4860::8888, true",
  })
  void onlyPublicAddressesAreTargets(String literal, boolean expected)
      throws UnknownHostException {
    assertEquals(expected, Targets.isPublic(InetAddress.getByName(literal)));
  }

  @ParameterizedTest
  @CsvSource({"127.0.0.1", "localhost", "[::1]"})
  void localHostsAreRefused(String host) {
    assertEquals("url: the host resolves to a private or local address", Targets.refusal(host));
  }

  @ParameterizedTest
  @CsvSource({"8.8.8.8"})
  void publicLiteralsPass(String host) {
    assertNull(Targets.refusal(host));
  }
}
