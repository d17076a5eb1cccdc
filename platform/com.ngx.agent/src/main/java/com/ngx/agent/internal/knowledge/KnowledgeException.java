package com.ngx.agent.internal.knowledge;

/**
 * A knowledge-base input that cannot be used, with the request field it concerns and a message
 * meant for the person who uploaded it (e.g. {@code the PDF has no extractable text (is it
 * scanned?)}).
 *
 * <p>The REST layer turns it into a validation problem naming {@link #field()}.
 */
public class KnowledgeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The field of an upload that carries the document. */
  public static final String FILE = "file";

  private final String field;

  /**
   * @param field the request field at fault, e.g. {@link #FILE}
   * @param message what is wrong and, where possible, what to do instead
   */
  public KnowledgeException(String field, String message) {
    super(message);
    this.field = field;
  }

  /**
   * @param field the request field at fault
   * @param message what is wrong
   * @param cause the library error behind it, for the logs
   */
  public KnowledgeException(String field, String message, Throwable cause) {
    super(message, cause);
    this.field = field;
  }

  /** The request field at fault, e.g. {@code file}. */
  public String field() {
    return field;
  }
}
