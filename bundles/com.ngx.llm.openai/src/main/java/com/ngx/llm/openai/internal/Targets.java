package com.ngx.llm.openai.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which model-server hosts a tenant may have the platform call: public addresses only, so that a
 * tenant's base URL cannot make the platform call its own network (server-side request forgery:
 * cloud metadata endpoints, the management console, databases).
 */
final class Targets {
  private Targets() {}

  /**
   * Why {@code host} may not be called, or null if every address it resolves to is public.
   *
   * <p>This is a first line of defence: the HTTP client resolves the name again, so a name that
   * changes its answer in between is not caught here; the platform's egress rules are the second.
   */
  static String refusal(String host) {
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return "baseUrl: unknown host " + host;
    }
    for (InetAddress a : addresses) {
      if (!isPublic(a)) {
        return "baseUrl: "
            + host
            + " resolves to a private or local address, which the operator has not allowed";
      }
    }
    return null;
  }

  static boolean isPublic(InetAddress a) {
    if (a.isAnyLocalAddress()
        || a.isLoopbackAddress()
        || a.isLinkLocalAddress()
        || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet6Address) {
      // fc00::/7, unique local addresses
      return (b[0] & 0xfe) != 0xfc;
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    // 0.0.0.0/8 "this network" and 100.64.0.0/10 carrier-grade NAT
    return first != 0 && !(first == 100 && second >= 64 && second < 128);
  }
}
