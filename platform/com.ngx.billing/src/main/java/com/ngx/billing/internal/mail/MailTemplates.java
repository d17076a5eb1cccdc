package com.ngx.billing.internal.mail;

import java.util.Locale;

/**
 * The billing mails customers get, each with a plain-text body and an HTML alternative in the
 * issuer's {@link Brand}. Amounts and dates come in formatted (in the customer's currency and
 * locale); everything that comes in is escaped in the HTML.
 */
public final class MailTemplates {

  private MailTemplates() {}

  /** A new invoice, with what is due and when. */
  public static Mail invoiceIssued(Brand brand, String to, String customerName, String invoiceNumber, String total,
      String dueDate, String link) {
    require(invoiceNumber, "invoiceNumber");
    require(total, "total");
    require(dueDate, "dueDate");
    return new Body(brand, customerName)
        .para("Your invoice " + invoiceNumber + " for " + total + " is ready. Please pay it by " + dueDate + ".")
        .facts("Invoice", invoiceNumber, "Amount due", total, "Due date", dueDate)
        .button("View and pay the invoice", link)
        .mail(to, "invoice " + invoiceNumber + " for " + total + ", due " + dueDate);
  }

  /**
   * A dunning step: collecting {@code amountDue} failed.
   *
   * @param attempt which attempt failed, from 1
   * @param nextAttemptDate when we try again; null when this was the last attempt
   * @param reason why the payment failed (e.g. the card issuer's words), or null
   */
  public static Mail paymentFailed(Brand brand, String to, String customerName, String invoiceNumber,
      String amountDue, int attempt, String nextAttemptDate, String reason, String link) {
    require(invoiceNumber, "invoiceNumber");
    require(amountDue, "amountDue");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt counts from 1, not " + attempt);
    }
    boolean last = nextAttemptDate == null || nextAttemptDate.isBlank();
    Body body = new Body(brand, customerName);
    if (last) {
      body.para("This was our last attempt to collect " + amountDue + " for invoice " + invoiceNumber
          + " (attempt " + attempt + "), and the payment failed.");
    } else {
      body.para("We could not collect " + amountDue + " for invoice " + invoiceNumber + " (attempt " + attempt + ").");
    }
    if (reason != null && !reason.isBlank()) {
      body.para("Reason given: " + reason.strip());
    }
    if (last) {
      body.para("We will not try again. Please pay the invoice now: unless it is paid, your subscription will be"
          + " suspended and your agents will stop answering your visitors.");
    } else {
      body.para("We will try again on " + nextAttemptDate + ". To avoid any interruption, please check your payment"
          + " method or pay the invoice now.");
    }
    return body
        .facts("Invoice", invoiceNumber, "Amount due", amountDue, "Attempt", Integer.toString(attempt),
            "Next attempt", last ? "none, this was the last attempt" : nextAttemptDate)
        .button(last ? "Pay the invoice now" : "Update payment or pay now", link)
        .mail(to, last ? "last attempt failed, invoice " + invoiceNumber + " is unpaid"
            : "payment for invoice " + invoiceNumber + " failed");
  }

  /** The subscription is suspended for an unpaid invoice: agents stopped, data kept, paying reactivates. */
  public static Mail subscriptionSuspended(Brand brand, String to, String customerName, String invoiceNumber,
      String amountDue, String link) {
    require(invoiceNumber, "invoiceNumber");
    require(amountDue, "amountDue");
    return new Body(brand, customerName)
        .para("Your subscription has been suspended because invoice " + invoiceNumber + " (" + amountDue
            + ") is unpaid. Your agents have stopped answering your visitors.")
        .para("Your data is kept: your agents, knowledge and conversations are all still there, and nothing has been"
            + " deleted.")
        .para("Pay the invoice to reactivate your subscription right away.")
        .facts("Invoice", invoiceNumber, "Amount due", amountDue)
        .button("Pay and reactivate", link)
        .mail(to, "your subscription is suspended, invoice " + invoiceNumber + " is unpaid");
  }

  /** The subscription is active again (after a suspension). */
  public static Mail subscriptionReactivated(Brand brand, String to, String customerName) {
    return new Body(brand, customerName)
        .para("Thank you: your subscription is active again, and your agents are answering your visitors again.")
        .mail(to, "your subscription is active again");
  }

  /** A payment was received for an invoice. */
  public static Mail paymentReceived(Brand brand, String to, String customerName, String invoiceNumber,
      String amount) {
    require(invoiceNumber, "invoiceNumber");
    require(amount, "amount");
    return new Body(brand, customerName)
        .para("We have received your payment of " + amount + " for invoice " + invoiceNumber + ". Thank you!")
        .facts("Invoice", invoiceNumber, "Amount paid", amount)
        .mail(to, "payment of " + amount + " received for invoice " + invoiceNumber);
  }

  /**
   * A plan limit is nearly reached ({@code percent} below 100) or reached (100 and more).
   *
   * @param limitName what is counted, plural and lower case, e.g. {@code conversations}
   * @param period the period the limit is for, e.g. {@code November 2026}
   */
  public static Mail quotaWarning(Brand brand, String to, String customerName, String limitName, long used,
      long limit, int percent, String period) {
    require(limitName, "limitName");
    require(period, "period");
    if (limit < 1 || used < 0 || percent < 0) {
      throw new IllegalArgumentException("Bad quota figures: used " + used + " of " + limit + " (" + percent + "%)");
    }
    boolean reached = percent >= 100;
    Body body = new Body(brand, customerName)
        .para("You have used " + count(used) + " of the " + count(limit) + " " + limitName
            + " included in your plan for " + period + " (" + percent + "%)" + (reached ? ": you have reached your"
                + " limit." : "."));
    if (reached) {
      body.para("Until the period ends, more " + limitName + " are refused, or billed as overage if your plan"
          + " includes it. Upgrade your plan to raise the limit.");
    } else {
      body.para("Once you reach the limit, more " + limitName + " are refused, or billed as overage if your plan"
          + " includes it. Consider upgrading your plan before then.");
    }
    return body
        .facts("Used", count(used) + " " + limitName + " (" + percent + "%)", "Limit", count(limit), "Period", period)
        .mail(to, reached ? "you have reached your " + limitName + " limit for " + period
            : "you have used " + percent + "% of your " + limitName + " for " + period);
  }

  /** {@code s} safe in HTML text and in quoted attribute values. */
  static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
  }

  /** One mail's two bodies, written side by side so that they say the same. */
  private static final class Body {
    private static final String FONT = "font-family:Arial,Helvetica,sans-serif;";
    private final Brand brand;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder html = new StringBuilder();

    Body(Brand brand, String customerName) {
      if (brand == null) {
        throw new IllegalArgumentException("brand is required");
      }
      this.brand = brand;
      para(customerName == null || customerName.isBlank() ? "Hello," : "Hello " + customerName.strip() + ",");
    }

    Body para(String s) {
      text.append(s).append("\n\n");
      html.append("<p style=\"margin:0 0 16px;\">").append(escape(s)).append("</p>\n");
      return this;
    }

    /** Label/value pairs, as aligned lines and as a small table. */
    Body facts(String... labelsAndValues) {
      html.append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" style=\"margin:0 0 16px;")
          .append("border-collapse:collapse;\">\n");
      for (int i = 0; i < labelsAndValues.length; i += 2) {
        String label = labelsAndValues[i];
        String value = labelsAndValues[i + 1];
        text.append(label).append(": ").append(value).append('\n');
        html.append("<tr><td style=\"padding:4px 16px 4px 0;color:#57606A;\">").append(escape(label))
            .append("</td><td style=\"padding:4px 0;font-weight:bold;\">").append(escape(value)).append("</td></tr>\n");
      }
      text.append('\n');
      html.append("</table>\n");
      return this;
    }

    /** A call to action; nothing when there is no link. */
    Body button(String label, String link) {
      if (link == null || link.isBlank()) {
        return this;
      }
      String url = link.strip();
      String scheme = url.toLowerCase(Locale.ROOT);
      if (!scheme.startsWith("https://") && !scheme.startsWith("http://")) {
        throw new IllegalArgumentException("Links in mails must be http(s) URLs, not '" + link + "'");
      }
      text.append(label).append(": ").append(url).append("\n\n");
      html.append("<p style=\"margin:8px 0 24px;\"><a href=\"").append(escape(url)).append("\" style=\"display:")
          .append("inline-block;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:bold;background:")
          .append(brand.colour()).append(";color:").append(brand.textColour()).append(";\">").append(escape(label))
          .append("</a></p>\n")
          .append("<p style=\"margin:0 0 16px;font-size:13px;color:#57606A;\">Or open this address: <a href=\"")
          .append(escape(url)).append("\" style=\"color:").append(brand.linkColour()).append(";word-break:break-all;\">")
          .append(escape(url)).append("</a></p>\n");
      return this;
    }

    Mail mail(String to, String subject) {
      String fullSubject = brand.name() + ": " + subject;
      text.append("Thank you,\n").append(brand.name()).append('\n');
      String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\">"
          + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>" + escape(fullSubject)
          + "</title></head>\n"
          + "<body style=\"margin:0;padding:0;background:#F4F5F7;\">\n"
          + "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"background:#F4F5F7;"
          + "padding:24px 0;\"><tr><td align=\"center\">\n"
          + "<table role=\"presentation\" width=\"560\" cellpadding=\"0\" cellspacing=\"0\" style=\"width:100%;"
          + "max-width:560px;background:#FFFFFF;border-radius:6px;" + FONT + "color:#1F2328;\">\n"
          + "<tr><td style=\"padding:16px 24px;border-radius:6px 6px 0 0;font-size:18px;font-weight:bold;background:"
          + brand.colour() + ";color:" + brand.textColour() + ";\">" + escape(brand.name()) + "</td></tr>\n"
          + "<tr><td style=\"padding:24px;font-size:15px;line-height:1.5;\">\n" + html
          + "<p style=\"margin:0;\">Thank you,<br>" + escape(brand.name()) + "</p>\n</td></tr>\n"
          + "<tr><td style=\"padding:12px 24px;border-top:1px solid #E5E7EB;font-size:12px;color:#57606A;\">"
          + "You get this email about your " + escape(brand.name()) + " subscription.</td></tr>\n"
          + "</table>\n</td></tr></table>\n</body></html>\n";
      return new Mail(to, fullSubject, text.toString(), page);
    }
  }
}
