package com.ngx.billing.internal.mail;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each billing mail says, in its text and its HTML. */
class MailTemplatesTest {
  private static final Brand ACME = new Brand("Acme Chat", "#FF6600");
  private static final String TO = "jane@customer.example";
  private static final String LINK = "https://billing.acme.example/invoices/42?t=a&b=c";

  /** Each fact is in the text as is, and in the HTML escaped; the HTML carries the brand. */
  private static void says(Mail mail, String... facts) {
    assertNotNull(mail.html());
    assertAll(List.of(facts).stream().<org.junit.jupiter.api.function.Executable>map(f -> () -> {
      assertTrue(mail.text().contains(f), "text lacks '" + f + "':\n" + mail.text());
      assertTrue(mail.html().contains(MailTemplates.escape(f)), "HTML lacks '" + f + "':\n" + mail.html());
    }));
    assertTrue(mail.html().contains("background:#FF6600"), "HTML lacks the brand colour");
    assertTrue(mail.html().contains(">Acme Chat</td>"), "HTML lacks the brand name");
    assertTrue(mail.html().contains("<meta charset=\"UTF-8\">"));
  }

  @Test
  void invoiceIssued() {
    Mail m = MailTemplates.invoiceIssued(ACME, TO, "Jane", "INV-2026-0042", "€49.00", "1 December 2026", LINK);
    assertEquals(TO, m.to());
    assertEquals("Acme Chat: invoice INV-2026-0042 for €49.00, due 1 December 2026", m.subject());
    says(m, "Hello Jane,", "INV-2026-0042", "€49.00", "1 December 2026", LINK);
    assertTrue(m.html().contains("href=\"https://billing.acme.example/invoices/42?t=a&amp;b=c\""), m.html());
  }

  @Test
  void paymentFailedWithMoreAttemptsToCome() {
    Mail m = MailTemplates.paymentFailed(ACME, TO, "Jane", "INV-2026-0042", "€49.00", 1, "4 December 2026",
        "Your card was declined.", LINK);
    assertEquals("Acme Chat: payment for invoice INV-2026-0042 failed", m.subject());
    says(m, "INV-2026-0042", "€49.00", "attempt 1", "We will try again on 4 December 2026",
        "Your card was declined.", LINK);
    assertFalse(m.text().contains("last attempt"), m.text());
  }

  @Test
  void paymentFailedOnTheLastAttempt() {
    Mail m = MailTemplates.paymentFailed(ACME, TO, "Jane", "INV-2026-0042", "€49.00", 4, null, null, LINK);
    assertEquals("Acme Chat: last attempt failed, invoice INV-2026-0042 is unpaid", m.subject());
    says(m, "This was our last attempt", "INV-2026-0042", "€49.00", "attempt 4", "We will not try again",
        "suspended", LINK);
    assertFalse(m.text().contains("Reason"), "no reason was given:\n" + m.text());
    assertFalse(m.text().contains("try again on"), m.text());
  }

  @Test
  void subscriptionSuspended() {
    Mail m = MailTemplates.subscriptionSuspended(ACME, TO, "Jane", "INV-2026-0042", "€49.00", LINK);
    assertEquals("Acme Chat: your subscription is suspended, invoice INV-2026-0042 is unpaid", m.subject());
    says(m, "INV-2026-0042", "€49.00", "agents have stopped answering", "Your data is kept",
        "Pay the invoice to reactivate", LINK);
  }

  @Test
  void subscriptionReactivated() {
    Mail m = MailTemplates.subscriptionReactivated(ACME, TO, "Jane");
    assertEquals("Acme Chat: your subscription is active again", m.subject());
    says(m, "Hello Jane,", "active again", "answering your visitors again");
  }

  @Test
  void paymentReceived() {
    Mail m = MailTemplates.paymentReceived(ACME, TO, "Jane", "INV-2026-0042", "€49.00");
    assertEquals("Acme Chat: payment of €49.00 received for invoice INV-2026-0042", m.subject());
    says(m, "INV-2026-0042", "€49.00", "Thank you");
  }

  @Test
  void quotaNearlyReached() {
    Mail m = MailTemplates.quotaWarning(ACME, TO, "Jane", "conversations", 8_000, 10_000, 80, "November 2026");
    assertEquals("Acme Chat: you have used 80% of your conversations for November 2026", m.subject());
    says(m, "8,000", "10,000", "80%", "November 2026", "Once you reach the limit");
    assertFalse(m.text().contains("you have reached"), m.text());
  }

  @Test
  void quotaReached() {
    Mail m = MailTemplates.quotaWarning(ACME, TO, "Jane", "conversations", 10_000, 10_000, 100, "November 2026");
    assertEquals("Acme Chat: you have reached your conversations limit for November 2026", m.subject());
    says(m, "10,000", "100%", "November 2026", "you have reached your limit", "Upgrade your plan");
  }

  @Test
  void escapesWhatComesIn() {
    Brand evil = new Brand("<b>Evil</b> & Co", "#000000");
    String name = "<script>alert('x')</script>";
    List<Mail> mails = List.of(
        MailTemplates.invoiceIssued(evil, TO, name, "<i>1</i>", "\"5\"", "<now>", LINK),
        MailTemplates.paymentFailed(evil, TO, name, "<i>1</i>", "\"5\"", 2, "<later>", "<img src=x>", LINK),
        MailTemplates.subscriptionSuspended(evil, TO, name, "<i>1</i>", "\"5\"", LINK),
        MailTemplates.subscriptionReactivated(evil, TO, name),
        MailTemplates.paymentReceived(evil, TO, name, "<i>1</i>", "\"5\""),
        MailTemplates.quotaWarning(evil, TO, name, "<u>chats</u>", 1, 2, 50, "<p>"));
    for (Mail m : mails) {
      assertFalse(m.html().contains("<script"), m.html());
      assertFalse(m.html().contains("<b>Evil"), m.html());
      assertFalse(m.html().contains("<i>1"), m.html());
      assertFalse(m.html().contains("<img"), m.html());
      assertFalse(m.html().contains("<u>"), m.html());
      assertTrue(m.html().contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), m.html());
      assertTrue(m.html().contains("&lt;b&gt;Evil&lt;/b&gt; &amp; Co"), m.html());
      // the plain text is not HTML: it keeps the words as they are
      assertTrue(m.text().contains(name), m.text());
    }
  }

  @Test
  void acceptsOnlyWebLinks() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MailTemplates.invoiceIssued(ACME, TO, "Jane", "INV-1", "€1", "today", "javascript:alert(1)"));
    assertTrue(e.getMessage().contains("http"), e.getMessage());
    // no link, no button
    assertFalse(MailTemplates.invoiceIssued(ACME, TO, "Jane", "INV-1", "€1", "today", null).html().contains("<a "));
  }

  @Test
  void greetsWithoutAName() {
    assertTrue(MailTemplates.paymentReceived(ACME, TO, null, "INV-1", "€1").text().startsWith("Hello,\n"));
  }

  @Test
  void needsTheKeyFacts() {
    List<Function<String, Mail>> missing = List.of(
        n -> MailTemplates.invoiceIssued(ACME, TO, "Jane", n, "€1", "today", LINK),
        n -> MailTemplates.paymentFailed(ACME, TO, "Jane", "INV-1", n, 1, null, null, LINK),
        n -> MailTemplates.paymentReceived(ACME, TO, "Jane", "INV-1", n),
        n -> MailTemplates.quotaWarning(ACME, TO, "Jane", n, 1, 2, 50, "2026"));
    for (Function<String, Mail> template : missing) {
      assertThrows(IllegalArgumentException.class, () -> template.apply(" "));
    }
    assertThrows(IllegalArgumentException.class,
        () -> MailTemplates.paymentFailed(ACME, TO, "Jane", "INV-1", "€1", 0, null, null, LINK));
    assertThrows(IllegalArgumentException.class, () -> MailTemplates.invoiceIssued(ACME, "jane", "Jane", "INV-1",
        "€1", "today", LINK));
  }

  @ParameterizedTest
  @CsvSource(nullValues = "NULL", value = {
      "#FF6600, #FF6600", // kept
      "#ff6600, #FF6600", // upper-cased
      "' #1a2b3c ', #1A2B3C", // trimmed
      "#F60, #1F4FD8", // short form: fallback
      "orange, #1F4FD8", // a name: fallback
      "#GG0000, #1F4FD8", // not hex: fallback
      "'#FF6600;background:url(x)', #1F4FD8", // CSS injection: fallback
      "NULL, #1F4FD8" // none: fallback
  })
  void brandColour(String given, String used) {
    assertEquals(used, new Brand("Acme", given).colour());
  }

  @ParameterizedTest
  @CsvSource({
      "#1F4FD8, #FFFFFF", // dark blue: white text
      "#000000, #FFFFFF", // black: white text
      "#FFFF00, #111111", // yellow: dark text
      "#FFFFFF, #111111" // white: dark text
  })
  void brandTextColourReads(String colour, String text) {
    assertEquals(text, new Brand("Acme", colour).textColour());
    // links on white use the brand colour only when it is dark
    assertEquals(text.equals("#FFFFFF") ? colour : "#1F2328", new Brand("Acme", colour).linkColour());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "plain | plain", // nothing to escape
      "a & b | a &amp; b", // ampersand
      "<tag> | &lt;tag&gt;", // angle brackets
      "`say \"hi\"` | say &quot;hi&quot;", // double quotes (attributes)
      "it's | it&#39;s", // single quotes (attributes)
      "é€ | é€" // non-ASCII stays (the mail is UTF-8)
  })
  void escape(String raw, String escaped) {
    assertEquals(escaped, MailTemplates.escape(raw));
  }
}
