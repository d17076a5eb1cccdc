package com.ngx.billing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.ngx.api.payment.PaymentResult;
import com.ngx.billing.UsageEvent;
import com.ngx.billing.internal.mail.Mailer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Billing mail through a real SMTP server (GreenMail on a free port): queued in the transaction of
 * the change it reports, sent after commit, and retried by the next run while the server is down.
 */
class BillingMailTest {
  private GreenMail smtp;
  private BillingHarness h;

  @BeforeEach
  void start() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
    Mailer mailer = Mailer.of(
        Mailer.Settings.smtp("127.0.0.1", smtp.getSmtp().getPort(), "billing@ngx.example").withTimeoutMillis(5_000));
    h = BillingHarness.startingAt(Instant.parse("2026-01-10T00:00:00Z"), Map.of(), mailer);
  }

  @AfterEach
  void stop() {
    h.close();
    smtp.stop();
  }

  private List<String> subjects() throws Exception {
    return Arrays.stream(smtp.getReceivedMessages()).map(m -> {
      try {
        return ((MimeMessage) m).getSubject();
      } catch (javax.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    }).sorted().toList();
  }

  private long status(UUID t, String status) {
    return h.db.number("select count(*) from bill_mail where tenant_id = ? and status = ?", t.toString(), status);
  }

  @Test
  void mailsGoOutAfterCommit() throws Exception {
    UUID t = h.tenant("mailed");
    h.useCard(t);
    h.runAt("2026-01-24T00:00:00Z");
    assertTrue(smtp.waitForIncomingEmail(5_000, 2));
    assertEquals(List.of(
        "NGX Platform: invoice NGX-000001 for USD 386.32, due 2026-02-07",
        "NGX Platform: payment of USD 386.32 received for invoice NGX-000001"), subjects());
    assertEquals("billing@mailed.example", smtp.getReceivedMessages()[0].getAllRecipients()[0].toString());
    assertEquals(2, status(t, "sent"));
  }

  @Test
  void mailsWaitWhileTheServerIsDownAndGoWithTheNextRun() throws Exception {
    UUID t = h.tenant("patient");
    h.useCard(t);
    int port = smtp.getSmtp().getPort();
    smtp.stop();
    h.card.script(t, PaymentResult.Status.FAILED);
    h.runAt("2026-01-24T00:00:00Z");
    assertEquals(2, status(t, "queued"), "the invoice and the failed payment");
    assertEquals(2, h.db.number("select count(*) from bill_mail where tenant_id = ? and attempts >= 1"
        + " and last_error is not null", t.toString()));

    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    // the next day's run retries the payment (a third mail: received) and sends what waited
    h.runAt("2026-01-25T00:00:00Z");
    assertTrue(smtp.waitForIncomingEmail(5_000, 3));
    assertEquals(3, status(t, "sent"));
    assertEquals(0, status(t, "queued"));
    assertTrue(subjects().contains("NGX Platform: payment for invoice NGX-000001 failed"));
  }

  @Test
  void aTenantWithoutBillingEmailIsStillInvoiced() {
    UUID t = h.tenantWithoutEmail("silent");
    h.useCard(t);
    BillingRuns.Run run = h.runAt("2026-01-24T00:00:00Z");
    assertEquals("succeeded", run.status(), run.message());
    assertEquals("active", h.status(t));
    assertEquals(1, h.issued(t).size());
    assertEquals(List.of(), h.mailSubjects(t));
  }
  @Test
  void usageOfATenantWithoutBillingEmailIsRecordedPastTheWarnings() {
    UUID t = h.tenantWithoutEmail("quiet");
    List<UsageEvent> events = List.of(new UsageEvent("conversation:bulk", UsageEvent.CONVERSATION, 4000, h.now()));
    assertEquals(1, h.metering.record(h.context(t), events));
    assertEquals(4000, h.metering.totals(t, "2026-01").get(UsageEvent.CONVERSATION));
  }
}
