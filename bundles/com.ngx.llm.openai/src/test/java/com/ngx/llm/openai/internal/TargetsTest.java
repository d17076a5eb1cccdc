package com.ngx.llm.openai.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class TargetsTest {

  @Test
  void onlyPublicAddressesArePublic() throws Exception {
    // each case: an address literal (no DNS lookup), whether it is public
    Object[][] cases = {
      {"127.0.0.1", false}, // loopback: a local Ollama, the platform itself
      {"::1", false}, // IPv6 loopback
      {"0.0.0.0", false}, // any-local
      {"10.1.2.3", false}, // private
      {"172.16.0.1", false}, // private
      {"192.168.1.10", false}, // private
      {"169.254.169.254", false}, // link-local: cloud metadata endpoints
      {"100.64.0.1", false}, // carrier-grade NAT
      {"fd00::1", false}, // IPv6 unique local
      {"fe80::1", false}, // IPv6 link-local
      {"224.0.0.1", false}, // multicast
      {"8.8.8.8", true}, // public
      {"100.128.0.1", true}, // just past carrier-grade NAT
      {"2001:4860:4860::8888", true}, // public IPv6
    };
    for (Object[] c : cases) {
      assertEquals(c[1], Targets.isPublic(InetAddress.getByName((String) c[0])), (String) c[0]);
    }
  }

  @Test
  void refusals() {
    assertEquals(
        "baseUrl: 127.0.0.1 resolves to a private or local address, which the operator has not"
            + " allowed",
        Targets.refusal("127.0.0.1"));
    assertNull(Targets.refusal("8.8.8.8"));
  }
}
