package com.ngx.llm.openai.internal;

/**
 * Why a completion failed: bad settings, an unreachable or slow server, an error answer or an
 * answer that is not a chat completion. The message is for the tenant and the platform's log and
 * never contains the API key.
 */
final class ModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status of the server's answer, or 0 when there was no answer. */
  private final int status;

  ModelException(String message) {
    this(0, message);
  }

  ModelException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** A failure without an answer, caused by {@code cause} (kept for the log's stack trace). */
  ModelException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  /** The HTTP status of the server's answer, or 0 when there was no answer. */
  int status() {
    return status;
  }
}
