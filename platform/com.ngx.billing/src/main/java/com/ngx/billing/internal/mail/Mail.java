package com.ngx.billing.internal.mail;

import javax.mail.internet.AddressException;
import javax.mail.internet.InternetAddress;

/**
 * One email to one recipient: a plain-text body and, when {@code html} is not null, an HTML
 * alternative of it (sent as {@code multipart/alternative}).
 *
 * @param to the recipient, one RFC 822 address (checked strictly), e.g. {@code jane@example.com}
 * @param subject the subject; line breaks become spaces (no header injection)
 * @param text the plain-text body
 * @param html the HTML body, or null for a text-only mail
 */
public record Mail(String to, String subject, String text, String html) {

  public Mail {
    address(to);
    if (subject == null || subject.isBlank()) {
      throw new IllegalArgumentException("A mail needs a subject");
    }
    subject = subject.replaceAll("[\\r\\n\\t]+", " ").strip();
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("A mail needs a plain-text body");
    }
  }

  /** A text-only mail. */
  public static Mail text(String to, String subject, String text) {
    return new Mail(to, subject, text, null);
  }

  /**
   * {@code address} parsed strictly as a single mailbox.
   *
   * @throws IllegalArgumentException when it is missing, malformed, a group or a list
   */
  static InternetAddress address(String address) {
    if (address == null || address.isBlank()) {
      throw new IllegalArgumentException("A mail needs a recipient address");
    }
    try {
      InternetAddress parsed = new InternetAddress(address.strip(), true);
      if (parsed.isGroup()) {
        throw new IllegalArgumentException("Not a single email address (a group): '" + address + "'");
      }
      // strict parsing still accepts a bare local part ("jane"): mail needs a domain
      if (parsed.getAddress().indexOf('@') < 1) {
        throw new IllegalArgumentException("Not a valid email address (no domain): '" + address + "'");
      }
      return parsed;
    } catch (AddressException e) {
      throw new IllegalArgumentException("Not a valid email address: '" + address + "' (" + e.getMessage() + ")", e);
    }
  }
}
