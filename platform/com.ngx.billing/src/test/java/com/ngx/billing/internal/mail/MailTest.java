package com.ngx.billing.internal.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Mail}'s checks, made before anything is sent. */
class MailTest {

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {
      " ", // blank
      "jane", // no domain
      "jane@", // nothing after @
      "@customer.example", // no local part
      "jane at customer.example", // not an address
      "jane@customer example", // a space in the domain
      "jane@customer.example, joe@customer.example", // two recipients
      "team: jane@customer.example;", // a group
      "jane@customer.example\r\nBcc: all@customer.example" // header injection
  })
  void rejectsWhatIsNotOneAddress(String to) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mail.text(to, "Hi", "Hello"));
    assertTrue(e.getMessage().contains("address"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "jane@customer.example", // plain
      "jane.doe+billing@mail.customer.example", // sub-address, subdomain
      "Jane Doe <jane@customer.example>" // with a display name
  })
  void acceptsOneAddress(String to) {
    assertEquals(to, Mail.text(to, "Hi", "Hello").to());
  }

  @Test
  void needsASubjectAndAText() {
    assertThrows(IllegalArgumentException.class, () -> Mail.text("jane@customer.example", " ", "Hello"));
    assertThrows(IllegalArgumentException.class, () -> Mail.text("jane@customer.example", "Hi", null));
  }

  @Test
  void keepsTheSubjectOnOneLine() {
    assertEquals("Invoice INV-1 Bcc: x@y.example",
        Mail.text("jane@customer.example", "Invoice INV-1\r\nBcc: x@y.example", "Hello").subject());
  }

  @Test
  void isTextOnlyWithoutHtml() {
    assertNull(Mail.text("jane@customer.example", "Hi", "Hello").html());
  }
}
