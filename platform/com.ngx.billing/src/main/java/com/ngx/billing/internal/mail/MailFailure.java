package com.ngx.billing.internal.mail;

/**
 * A mail that could not be handed to the SMTP server: the server was unreachable, refused the
 * credentials, the sender or a recipient. The message says which, and never carries a password.
 */
public final class MailFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MailFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
