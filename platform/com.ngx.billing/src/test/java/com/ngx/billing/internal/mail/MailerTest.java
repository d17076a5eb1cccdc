package com.ngx.billing.internal.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import javax.mail.BodyPart;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link Mailer} against a real SMTP server (GreenMail on a free port). */
class MailerTest {
  private static final String FROM = "billing@ngx.example";

  private GreenMail smtp;

  @BeforeEach
  void start() {
    smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    smtp.start();
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  private Mailer mailer() {
    return Mailer.of(Mailer.Settings.smtp("127.0.0.1", smtp.getSmtp().getPort(), FROM).withTimeoutMillis(5_000));
  }

  private MimeMessage received() {
    assertTrue(smtp.waitForIncomingEmail(5_000, 1), "no mail arrived");
    MimeMessage[] messages = smtp.getReceivedMessages();
    assertEquals(1, messages.length);
    return messages[0];
  }

  @Test
  void sendsPlainText() throws Exception {
    mailer().send(Mail.text("jane@customer.example", "Your invoice", "Hello Jane,\n\nINV-1 is ready."));

    MimeMessage m = received();
    assertEquals("Your invoice", m.getSubject());
    assertEquals(new InternetAddress(FROM, "NGX Billing"), m.getFrom()[0]);
    assertEquals("NGX Billing", ((InternetAddress) m.getFrom()[0]).getPersonal());
    assertEquals(new InternetAddress("jane@customer.example"), m.getRecipients(Message.RecipientType.TO)[0]);
    assertTrue(m.getContentType().startsWith("text/plain"), m.getContentType());
    assertTrue(m.getContentType().toUpperCase().contains("CHARSET=UTF-8"), m.getContentType());
    assertEquals("Hello Jane,\n\nINV-1 is ready.", m.getContent().toString().replace("\r\n", "\n"));
    // our own Message-ID, in the sender's domain (not the machine's user and host names)
    String id = m.getMessageID();
    assertNotNull(id);
    assertTrue(id.matches("<[0-9a-f-]{36}@ngx\\.example>"), id);
    assertNotNull(m.getSentDate());
  }

  @Test
  void sendsHtmlAsMultipartAlternativeInUtf8() throws Exception {
    mailer().send(new Mail("jane@customer.example", "Facture é€ 12,00", "Total : 12,00 € (é)",
        "<p>Total : <b>12,00 €</b> (é)</p>"));

    MimeMessage m = received();
    assertEquals("Facture é€ 12,00", m.getSubject());
    assertTrue(m.getContentType().startsWith("multipart/alternative"), m.getContentType());
    MimeMultipart alternative = assertInstanceOf(MimeMultipart.class, m.getContent());
    assertEquals(2, alternative.getCount());
    BodyPart text = alternative.getBodyPart(0);
    BodyPart html = alternative.getBodyPart(1);
    assertTrue(text.isMimeType("text/plain"), text.getContentType());
    assertTrue(text.getContentType().toUpperCase().contains("CHARSET=UTF-8"), text.getContentType());
    assertEquals("Total : 12,00 € (é)", text.getContent());
    assertTrue(html.isMimeType("text/html"), html.getContentType());
    assertTrue(html.getContentType().toUpperCase().contains("CHARSET=UTF-8"), html.getContentType());
    assertEquals("<p>Total : <b>12,00 €</b> (é)</p>", html.getContent());
  }

  @Test
  void sendsATemplate() throws Exception {
    Brand brand = new Brand("Acme Chat", "#FF6600");
    mailer().send(MailTemplates.invoiceIssued(brand, "jane@customer.example", "Jane", "INV-2026-0042", "€49.00",
        "1 December 2026", "https://billing.example/i/42"));

    MimeMessage m = received();
    assertEquals("Acme Chat: invoice INV-2026-0042 for €49.00, due 1 December 2026", m.getSubject());
    MimeMultipart alternative = (MimeMultipart) m.getContent();
    assertTrue(alternative.getBodyPart(0).getContent().toString().contains("Amount due: €49.00"));
    assertTrue(alternative.getBodyPart(1).getContent().toString().contains("#FF6600"));
  }

  @Test
  void rejectsAnInvalidAddressBeforeSending() {
    Mailer mailer = mailer();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> mailer.send(Mail.text("jane at customer", "Hi", "Hello")));
    assertTrue(e.getMessage().contains("'jane at customer'"), e.getMessage());
    assertEquals(0, smtp.getReceivedMessages().length);
  }

  @Test
  void failsWhenTheServerIsDown() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Mailer mailer = Mailer.of(Mailer.Settings.smtp("127.0.0.1", closed, FROM).withTimeoutMillis(2_000));

    MailFailure e = assertThrows(MailFailure.class, () -> mailer.send(Mail.text("jane@customer.example", "Hi", "Hello")));
    assertTrue(e.getMessage().contains("127.0.0.1:" + closed), e.getMessage());
    assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    assertInstanceOf(MessagingException.class, e.getCause());
  }

  @Test
  void authenticates() throws Exception {
    smtp.setUser(FROM, "billing", "s3cret-pw");
    Mailer mailer = Mailer.of(Mailer.Settings.smtp("127.0.0.1", smtp.getSmtp().getPort(), FROM)
        .withCredentials("billing", "s3cret-pw"));

    mailer.send(Mail.text("jane@customer.example", "Authenticated", "Hello"));

    assertEquals("Authenticated", received().getSubject());
  }

  @Test
  void failsOnAWrongPasswordWithoutShowingIt() {
    smtp.setUser(FROM, "billing", "s3cret-pw");
    Mailer mailer = Mailer.of(Mailer.Settings.smtp("127.0.0.1", smtp.getSmtp().getPort(), FROM)
        .withCredentials("billing", "wrong-pw"));

    MailFailure e = assertThrows(MailFailure.class, () -> mailer.send(Mail.text("jane@customer.example", "Hi", "Hi")));
    assertTrue(e.getMessage().contains("refused the credentials of user 'billing'"), e.getMessage());
    assertFalse(e.getMessage().contains("wrong-pw"), e.getMessage());
    assertEquals(0, smtp.getReceivedMessages().length);
  }

  @Test
  void restoresTheContextClassLoader() throws IOException {
    Thread thread = Thread.currentThread();
    ClassLoader original = thread.getContextClassLoader();
    try (URLClassLoader marker = new URLClassLoader(new URL[0], null)) {
      thread.setContextClassLoader(marker);
      // with a context class loader that cannot see javax.mail's providers, sending still works
      mailer().send(Mail.text("jane@customer.example", "Hi", "Hello"));
      assertSame(marker, thread.getContextClassLoader());

      Mailer down = Mailer.of(Mailer.Settings.smtp("127.0.0.1", 1, FROM).withTimeoutMillis(1_000));
      assertThrows(MailFailure.class, () -> down.send(Mail.text("jane@customer.example", "Hi", "Hello")));
      assertSame(marker, thread.getContextClassLoader());
    } finally {
      thread.setContextClassLoader(original);
    }
  }

  @Test
  void isOffByDefault() {
    Mailer mailer = new Mailer(config(false, "localhost", 25, "billing@localhost", "", ""));
    assertFalse(mailer.enabled());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> mailer.send(Mail.text("jane@customer.example", "Hi", "Hello")));
    assertTrue(e.getMessage().contains("com.ngx.billing.mail"), e.getMessage());
  }

  @Test
  void sendsWithTheDeclarativeServicesConfiguration() throws Exception {
    Mailer mailer = new Mailer(config(true, "127.0.0.1", smtp.getSmtp().getPort(), FROM, "", ""));
    assertTrue(mailer.enabled());
    mailer.send(Mail.text("jane@customer.example", "Via Config", "Hello"));
    assertEquals("Via Config", received().getSubject());
  }

  @Test
  void refusesABadConfigurationWhenEnabled() {
    // a bad sender
    assertThrows(IllegalArgumentException.class, () -> new Mailer(config(true, "localhost", 25, "billing", "", "")));
    // no host
    assertThrows(IllegalArgumentException.class, () -> new Mailer(config(true, " ", 25, FROM, "", "")));
    // a port out of range
    assertThrows(IllegalArgumentException.class, () -> new Mailer(config(true, "localhost", 0, FROM, "", "")));
    // the same values are fine while mail is off
    assertFalse(new Mailer(config(false, " ", 0, "billing", "", "")).enabled());
  }

  @Test
  void neverShowsThePassword() {
    Mailer.Settings s = Mailer.Settings.smtp("localhost", 25, FROM).withCredentials("billing", "s3cret-pw");
    assertFalse(s.toString().contains("s3cret-pw"), s.toString());
    assertTrue(s.toString().contains("password=***"), s.toString());
  }

  @Test
  void hasOneConstructorForDeclarativeServices() {
    // SCR picks among public constructors: only the @Activate one may be there
    assertEquals(1, Mailer.class.getConstructors().length);
    assertEquals(Mailer.Config.class, Mailer.class.getConstructors()[0].getParameterTypes()[0]);
  }

  /** What Config Admin would hand the component. */
  private static Mailer.Config config(boolean enabled, String host, int port, String from, String username,
      String password) {
    return new Mailer.Config() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return Mailer.Config.class;
      }

      @Override
      public boolean enabled() {
        return enabled;
      }

      @Override
      public String host() {
        return host;
      }

      @Override
      public int port() {
        return port;
      }

      @Override
      public String from() {
        return from;
      }

      @Override
      public String fromName() {
        return "NGX Billing";
      }

      @Override
      public String username() {
        return username;
      }

      @Override
      public String password() {
        return password;
      }

      @Override
      public boolean startTls() {
        return false;
      }

      @Override
      public int timeoutMillis() {
        return 5_000;
      }
    };
  }
}
