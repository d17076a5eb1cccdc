package com.ngx.persistence;

/** The database could not do what was asked; the message says what and why. */
public class PersistenceFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PersistenceFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
