package com.ngx.billing.internal.pdf;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * Everything {@link InvoicePdf} puts on an invoice or credit note, independent of how billing
 * stores it.
 *
 * <p>Amounts are raw minor units ({@code long}, e.g. cents) of {@link #currency()}; the renderer
 * formats them exactly with the currency's default fraction digits ({@code 149700} USD is
 * {@code 1,497.00 USD}, {@code 1497} JPY is {@code 1,497 JPY}). Signs are rendered as given: a
 * credit applied is usually positive and labelled as such. Dates are formatted by the renderer
 * ({@code 24 Nov 2026}). All other values are text shown as is; any string may contain anything
 * (the renderer replaces what the PDF's standard fonts cannot show). Optional values are {@code
 * null}; a {@code null} list is an empty one.
 *
 * @param kind invoice or credit note
 * @param number the document number, e.g. {@code INV-2026-000123}
 * @param status the lifecycle state; every state but {@link Status#OPEN} is stamped on the page
 * @param issueDate date of issue; also the PDF's creation date
 * @param dueDate payment due date, or {@code null}
 * @param servicePeriod the period the document covers as text (e.g. {@code 1 Nov – 30 Nov 2026}),
 *     or {@code null}
 * @param issuer who issues the document (the tenant or the platform operator)
 * @param customer who is billed
 * @param lines the line items, in order
 * @param currency ISO 4217 code of every amount
 * @param subtotalMinor sum of the lines before tax
 * @param taxLines tax per rate, in order
 * @param totalMinor subtotal plus tax
 * @param creditAppliedMinor customer credit balance applied (row hidden when zero)
 * @param amountPaidMinor amount already paid
 * @param amountDueMinor amount still due
 * @param originalInvoiceNumber for a credit note, the number of the invoice it credits, or {@code
 *     null}; ignored for invoices
 * @param notes free text below the totals, e.g. bank-transfer instructions; line breaks are kept,
 *     or {@code null}
 * @param footer small text at the bottom of every page (at most four lines are shown), or {@code
 *     null}
 */
public record InvoiceDocument(
    Kind kind,
    String number,
    Status status,
    LocalDate issueDate,
    LocalDate dueDate,
    String servicePeriod,
    Issuer issuer,
    Customer customer,
    List<Line> lines,
    String currency,
    long subtotalMinor,
    List<TaxLine> taxLines,
    long totalMinor,
    long creditAppliedMinor,
    long amountPaidMinor,
    long amountDueMinor,
    String originalInvoiceNumber,
    String notes,
    String footer) {

  /** Which document this is. */
  public enum Kind {
    INVOICE,
    CREDIT_NOTE
  }

  /** An invoice's (or credit note's) lifecycle state, as billing stores it in lower case. */
  public enum Status {
    DRAFT,
    OPEN,
    PAID,
    VOID,
    UNCOLLECTIBLE
  }

  /**
   * @throws IllegalArgumentException if {@code currency} is not an ISO 4217 code, since its amounts
   *     could not be rendered exactly
   */
  public InvoiceDocument {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(issueDate, "issueDate");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(currency, "currency");
    Currency.getInstance(currency);
    lines = lines == null ? List.of() : List.copyOf(lines);
    taxLines = taxLines == null ? List.of() : List.copyOf(taxLines);
  }

  /**
   * The party that issues the document.
   *
   * @param name legal name
   * @param addressLines postal address, one line each
   * @param taxId VAT or other tax id, or {@code null}
   * @param email contact address, or {@code null}
   * @param brandColor {@code #RRGGBB}, used for the header band and accents; {@code null} or
   *     anything else gives a neutral slate
   * @param logo PNG or JPEG bytes (at most 2048 × 2048 pixels), or {@code null}; an unreadable
   *     image is left out and the issuer's name shown instead
   */
  public record Issuer(
      String name,
      List<String> addressLines,
      String taxId,
      String email,
      String brandColor,
      byte[] logo) {
    public Issuer {
      Objects.requireNonNull(name, "name");
      addressLines = addressLines == null ? List.of() : List.copyOf(addressLines);
      logo = logo == null ? null : logo.clone();
    }

    /** A copy of the logo bytes, or {@code null}. */
    @Override
    public byte[] logo() {
      return logo == null ? null : logo.clone();
    }

    // the logo is compared by content, not identity
    @Override
    public boolean equals(Object o) {
      return o instanceof Issuer i
          && name.equals(i.name)
          && addressLines.equals(i.addressLines)
          && Objects.equals(taxId, i.taxId)
          && Objects.equals(email, i.email)
          && Objects.equals(brandColor, i.brandColor)
          && Arrays.equals(logo, i.logo);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, addressLines, taxId, email, brandColor) * 31 + Arrays.hashCode(logo);
    }

    @Override
    public String toString() {
      return "Issuer[name=" + name + ", addressLines=" + addressLines + ", taxId=" + taxId
          + ", email=" + email + ", brandColor=" + brandColor
          + ", logo=" + (logo == null ? "none" : logo.length + " bytes") + "]";
    }
  }

  /**
   * The billed party.
   *
   * @param name person or company name
   * @param addressLines postal address, one line each
   * @param country country name or code, or {@code null}
   * @param email billing e-mail, or {@code null}
   * @param taxId the customer's tax id (reverse charge), or {@code null}
   */
  public record Customer(
      String name, List<String> addressLines, String country, String email, String taxId) {
    public Customer {
      Objects.requireNonNull(name, "name");
      addressLines = addressLines == null ? List.of() : List.copyOf(addressLines);
    }
  }

  /**
   * One line item.
   *
   * @param description what was sold; long text wraps
   * @param quantity units (may be fractional for metered usage)
   * @param unitAmountMinor price per unit in minor units
   * @param amountMinor the line's amount in minor units
   * @param period the line's service period as text, or {@code null}
   */
  public record Line(
      String description,
      BigDecimal quantity,
      long unitAmountMinor,
      long amountMinor,
      String period) {
    public Line {
      Objects.requireNonNull(description, "description");
      Objects.requireNonNull(quantity, "quantity");
    }
  }

  /**
   * Tax charged at one rate.
   *
   * @param name e.g. {@code VAT}
   * @param ratePercent e.g. {@code 20} or {@code 7.5}, shown after the name; {@code null} shows the
   *     name alone
   * @param taxMinor the tax in minor units
   */
  public record TaxLine(String name, BigDecimal ratePercent, long taxMinor) {
    public TaxLine {
      Objects.requireNonNull(name, "name");
    }
  }
}
