package com.ngx.billing.internal.mail;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;
import javax.mail.AuthenticationFailedException;
import javax.mail.Message;
import javax.mail.MessagingException;
import javax.mail.SendFailedException;
import javax.mail.Session;
import javax.mail.Transport;
import javax.mail.internet.InternetAddress;
import javax.mail.internet.MimeBodyPart;
import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends billing mail (invoices, dunning, receipts, quota warnings) through one SMTP server, the
 * node's setting (PID {@code com.ngx.billing.mail}). Off until configured: check {@link #enabled()}.
 *
 * <p>Each {@link #send} opens its own connection: billing mail is rare, and a pooled connection
 * would only add idle-timeout failures.
 */
@Component(service = Mailer.class, configurationPid = "com.ngx.billing.mail")
@Designate(ocd = Mailer.Config.class)
public final class Mailer {
  private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);

  /** Configuration (PID {@code com.ngx.billing.mail}). */
  @ObjectClassDefinition(name = "NGX billing mail", description = "The SMTP server that billing mail goes through")
  public @interface Config {
    @AttributeDefinition(description = "Whether billing sends mail at all")
    boolean enabled() default false;

    @AttributeDefinition(description = "SMTP server host")
    String host() default "localhost";

    @AttributeDefinition(description = "SMTP server port (25, 587 with STARTTLS)", min = "1", max = "65535")
    int port() default 25;

    @AttributeDefinition(description = "Sender address (From and envelope sender)")
    String from() default "billing@localhost";

    @AttributeDefinition(name = "From name", description = "Sender name shown to recipients")
    String fromName() default "NGX Billing";

    @AttributeDefinition(description = "SMTP user; empty for a server without authentication", required = false)
    String username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "SMTP password", required = false)
    String password() default "";

    @AttributeDefinition(name = "STARTTLS", description = "Require STARTTLS before authenticating and sending")
    boolean startTls() default false;

    @AttributeDefinition(description = "Connect, read and write timeout in milliseconds", min = "1")
    int timeoutMillis() default 10000;
  }

  /**
   * What a {@link Mailer} needs, without OSGi: for unit tests and for building one by hand.
   *
   * @param username null or blank for no authentication
   * @param password ignored without a username; never shown by {@link #toString()}
   */
  public record Settings(boolean enabled, String host, int port, String from, String fromName, String username,
      String password, boolean startTls, int timeoutMillis) {

    public Settings {
      host = host == null ? "" : host.strip();
      username = username == null || username.isBlank() ? null : username.strip();
      password = username == null ? null : password == null ? "" : password;
      fromName = fromName == null || fromName.isBlank() ? null : fromName.strip();
      if (enabled) {
        if (host.isEmpty()) {
          throw new IllegalArgumentException("Mail is enabled but no SMTP host is set (com.ngx.billing.mail host)");
        }
        if (port < 1 || port > 65535) {
          throw new IllegalArgumentException("SMTP port must be 1-65535, not " + port + " (com.ngx.billing.mail port)");
        }
        if (timeoutMillis < 1) {
          throw new IllegalArgumentException("SMTP timeout must be positive, not " + timeoutMillis
              + " ms (com.ngx.billing.mail timeoutMillis)");
        }
        try {
          Mail.address(from);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("Bad sender (com.ngx.billing.mail from): " + e.getMessage(), e);
        }
      }
    }

    /** Mail through {@code host:port} from {@code from}, without authentication or TLS, 10 s timeouts. */
    public static Settings smtp(String host, int port, String from) {
      return new Settings(true, host, port, from, "NGX Billing", null, null, false, 10_000);
    }

    /** These settings with SMTP authentication. */
    public Settings withCredentials(String user, String secret) {
      return new Settings(enabled, host, port, from, fromName, user, secret, startTls, timeoutMillis);
    }

    /** These settings with another connect/read/write timeout. */
    public Settings withTimeoutMillis(int millis) {
      return new Settings(enabled, host, port, from, fromName, username, password, startTls, millis);
    }

    @Override
    public String toString() {
      return "Settings[enabled=" + enabled + ", host=" + host + ", port=" + port + ", from=" + from + ", fromName="
          + fromName + ", username=" + username + ", password=" + (password == null ? null : "***") + ", startTls="
          + startTls + ", timeoutMillis=" + timeoutMillis + "]";
    }
  }

  private final Settings settings;
  private final InternetAddress sender;

  @Activate
  public Mailer(Config config) {
    this(new Settings(config.enabled(), config.host(), config.port(), config.from(), config.fromName(),
        config.username(), config.password(), config.startTls(), config.timeoutMillis()));
  }

  // private, so that SCR (which only considers public constructors) can never pick it
  private Mailer(Settings settings) {
    this.settings = settings;
    this.sender = settings.enabled() ? sender(settings) : null;
    if (settings.enabled()) {
      LOG.info("Billing mail goes through {}:{} as {}{}", settings.host(), settings.port(), settings.from(),
          settings.username() == null ? "" : " (user " + settings.username() + ")");
    }
  }

  /** A mailer with these settings, outside OSGi. */
  public static Mailer of(Settings settings) {
    return new Mailer(settings);
  }

  /** Whether mail is switched on; {@link #send} refuses to send when it is not. */
  public boolean enabled() {
    return settings.enabled();
  }

  /**
   * Hands {@code mail} to the SMTP server and returns once it has accepted it.
   *
   * @throws IllegalStateException when mail is not {@linkplain #enabled() enabled}
   * @throws MailFailure when the server cannot be reached or refuses the mail or the credentials
   */
  public void send(Mail mail) {
    if (!settings.enabled()) {
      throw new IllegalStateException("Billing mail is disabled (set enabled=true in com.ngx.billing.mail)");
    }
    InternetAddress recipient = Mail.address(mail.to());
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // javax.mail finds its providers (META-INF/javamail.*) and content handlers (META-INF/mailcap)
    // through the context class loader; in OSGi that must be the javax.mail bundle's
    thread.setContextClassLoader(Session.class.getClassLoader());
    try {
      Session session = Session.getInstance(properties(settings));
      MimeMessage message = message(session, mail, recipient);
      try (Transport transport = session.getTransport("smtp")) {
        transport.connect(settings.host(), settings.port(), settings.username(), settings.password());
        transport.sendMessage(message, message.getAllRecipients());
      }
      LOG.debug("Sent '{}' to {} via {}:{}", mail.subject(), recipient.getAddress(), settings.host(), settings.port());
    } catch (MessagingException e) {
      throw failure(mail, recipient, e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private MimeMessage message(Session session, Mail mail, InternetAddress recipient) throws MessagingException {
    MimeMessage message = new MimeMessage(session) {
      @Override
      protected void updateMessageID() throws MessagingException {
        // not javax.mail's default, which carries this machine's user and host names
        setHeader("Message-ID", "<" + UUID.randomUUID() + "@" + domain(sender) + ">");
      }
    };
    message.setFrom(sender);
    message.setRecipient(Message.RecipientType.TO, recipient);
    message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
    message.setSentDate(new Date());
    if (mail.html() == null) {
      message.setText(mail.text(), StandardCharsets.UTF_8.name());
    } else {
      MimeBodyPart text = new MimeBodyPart();
      text.setText(mail.text(), StandardCharsets.UTF_8.name());
      MimeBodyPart html = new MimeBodyPart();
      html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
      // least preferred first (RFC 2046 5.1.4)
      MimeMultipart alternative = new MimeMultipart("alternative", text, html);
      message.setContent(alternative);
    }
    message.saveChanges();
    return message;
  }

  private static Properties properties(Settings settings) {
    Properties p = new Properties();
    String timeout = Integer.toString(settings.timeoutMillis());
    p.setProperty("mail.transport.protocol", "smtp");
    p.setProperty("mail.smtp.host", settings.host());
    p.setProperty("mail.smtp.port", Integer.toString(settings.port()));
    p.setProperty("mail.smtp.connectiontimeout", timeout);
    p.setProperty("mail.smtp.timeout", timeout);
    p.setProperty("mail.smtp.writetimeout", timeout);
    p.setProperty("mail.smtp.from", settings.from());
    p.setProperty("mail.smtp.auth", Boolean.toString(settings.username() != null));
    if (settings.startTls()) {
      p.setProperty("mail.smtp.starttls.enable", "true");
      p.setProperty("mail.smtp.starttls.required", "true");
    }
    p.setProperty("mail.mime.charset", StandardCharsets.UTF_8.name());
    return p;
  }

  private static InternetAddress sender(Settings settings) {
    InternetAddress address = Mail.address(settings.from());
    if (settings.fromName() != null) {
      try {
        address.setPersonal(settings.fromName(), StandardCharsets.UTF_8.name());
      } catch (UnsupportedEncodingException e) {
        throw new IllegalStateException(e); // UTF-8 is always there
      }
    }
    return address;
  }

  private static String domain(InternetAddress address) {
    String a = address.getAddress();
    return a.substring(a.lastIndexOf('@') + 1);
  }

  private MailFailure failure(Mail mail, InternetAddress recipient, MessagingException e) {
    String server = settings.host() + ":" + settings.port();
    String what = "Could not send '" + mail.subject() + "' to " + recipient.getAddress() + " via " + server + ": ";
    String why;
    if (e instanceof AuthenticationFailedException) {
      why = "the server refused the credentials of user '" + settings.username() + "'";
    } else if (e instanceof SendFailedException sendFailed && sendFailed.getInvalidAddresses() != null
        && sendFailed.getInvalidAddresses().length > 0) {
      why = "the server rejected the recipient (" + describe(e) + ")";
    } else if (cause(e, UnknownHostException.class)) {
      why = "unknown host " + settings.host();
    } else if (cause(e, ConnectException.class)) {
      why = "the server is unreachable (" + describe(e) + ")";
    } else if (cause(e, SocketTimeoutException.class)) {
      why = "no answer within " + settings.timeoutMillis() + " ms";
    } else if (cause(e, IOException.class)) {
      why = "the connection failed (" + describe(e) + ")";
    } else {
      why = "the server refused it (" + describe(e) + ")";
    }
    return new MailFailure(what + why, e);
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().replaceAll("\\s+", " ");
  }

  private static boolean cause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c instanceof MessagingException m ? m.getNextException() : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
