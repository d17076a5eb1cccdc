package com.ngx.billing.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.api.event.EventTypes;
import com.ngx.billing.internal.calc.InvoiceMath;
import com.ngx.billing.internal.calc.Money;
import com.ngx.billing.internal.calc.Shares;
import com.ngx.billing.internal.calc.Tax;
import com.ngx.billing.internal.mail.Brand;
import com.ngx.billing.internal.mail.MailTemplates;
import com.ngx.rest.ApiException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.persistence.EntityManager;
import javax.persistence.LockModeType;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Invoices and credit notes: lines, tax, totals, credit balance, gapless numbers per issuer, the
 * billing ledger, settlements of sourced lines, and the state machine draft → open → paid | void |
 * uncollectible.
 *
 * <p>The ledger holds what the tenant owes, signed: an issued invoice adds its total, a payment and
 * a credit note subtract, a refund or chargeback adds back, a write-off subtracts. So for every
 * tenant the ledger's sum equals its open invoices' amounts due minus its credit balance.
 */
@Component(service = Invoicing.class)
public final class Invoicing {
  private final BillingStore store;
  private final Accounts accounts;
  private final Notifier notifier;
  private final Partners partners;

  @Activate
  public Invoicing(
      @Reference BillingStore store,
      @Reference Accounts accounts,
      @Reference Notifier notifier,
      @Reference Partners partners) {
    this.store = store;
    this.accounts = accounts;
    this.notifier = notifier;
    this.partners = partners;
  }

  /**
   * Writes an invoice with {@code lines} for the account and, when {@code finalize}, opens it (number,
   * ledger, mail). Returns the existing invoice when one with the idempotency key exists.
   */
  InvoiceEntity create(
      EntityManager em, AccountEntity a, String reason, String period, List<LineDraft> lines,
      String idempotencyKey, boolean finalize) {
    InvoiceEntity done = byKey(em, idempotencyKey);
    if (done != null) {
      return done;
    }
    LocalDateTime now = store.utcNow();
    InvoiceEntity i = new InvoiceEntity();
    i.id = UUID.randomUUID().toString();
    i.tenantId = a.tenantId;
    i.issuerId = accounts.issuer(em, a).id;
    i.kind = Status.INVOICE;
    i.status = Status.DRAFT;
    i.reason = reason;
    i.currency = a.currency;
    i.period = period;
    i.idempotencyKey = idempotencyKey;
    i.snapshot = snapshot(em, a).toString();
    i.createdAt = now;
    i.attempts = 0;
    em.persist(i);
    em.flush();
    writeLines(em, i, lines);
    if (finalize) {
      open(em, i); // computes the totals as it opens
    } else {
      recompute(em, i, a);
    }
    return i;
  }

  /** The invoice (or credit note) made before under this idempotency key, or null. */
  private static InvoiceEntity byKey(EntityManager em, String idempotencyKey) {
    if (idempotencyKey == null) {
      return null;
    }
    List<InvoiceEntity> existing = em.createQuery(
            "select i from InvoiceEntity i where i.idempotencyKey = :k", InvoiceEntity.class)
        .setParameter("k", idempotencyKey).getResultList();
    return existing.isEmpty() ? null : existing.get(0);
  }

  private void writeLines(EntityManager em, InvoiceEntity i, List<LineDraft> lines) {
    int position = ((Number) em.createNativeQuery(
        "select coalesce(max(position), 0) from bill_invoice_line where invoice_id = ?")
        .setParameter(1, i.id).getSingleResult()).intValue();
    for (LineDraft d : lines) {
      InvoiceLineEntity l = new InvoiceLineEntity();
      l.id = UUID.randomUUID().toString();
      l.invoiceId = i.id;
      l.position = ++position;
      l.kind = d.kind();
      l.description = d.description().length() > 500 ? d.description().substring(0, 500) : d.description();
      l.quantity = d.quantity();
      l.unitAmountMinor = d.unitAmountMinor();
      l.amountMinor = d.amountMinor();
      l.periodStart = d.periodStart();
      l.periodEnd = d.periodEnd();
      l.source = d.source();
      l.sourceRef = d.sourceRef();
      em.persist(l);
    }
    em.flush();
  }

  List<InvoiceLineEntity> lines(EntityManager em, String invoiceId) {
    return em.createQuery(
            "select l from InvoiceLineEntity l where l.invoiceId = :i order by l.position", InvoiceLineEntity.class)
        .setParameter("i", invoiceId).getResultList();
  }

  /** Subtotal, tax (on the subtotal, at the account's rate) and total of a draft. */
  private void recompute(EntityManager em, InvoiceEntity i, AccountEntity a) {
    List<Long> amounts = new ArrayList<>();
    for (InvoiceLineEntity l : lines(em, i.id)) {
      amounts.add(l.amountMinor);
    }
    TaxRate rate = taxRate(em, a);
    InvoiceMath.Totals t = InvoiceMath.totals(amounts, rate.percent());
    i.subtotalMinor = t.subtotalMinor();
    i.taxMinor = t.taxMinor();
    i.totalMinor = t.totalMinor();
    i.taxName = rate.percent().signum() == 0 ? null : rate.name();
    i.taxRatePercent = rate.percent().signum() == 0 ? null : rate.percent();
    i.creditAppliedMinor = 0;
    i.amountPaidMinor = 0;
    i.amountDueMinor = Math.max(0, i.totalMinor);
  }

  /** A tax rate and its name, e.g. VAT 21%. */
  record TaxRate(String name, BigDecimal percent) {}

  TaxRate taxRate(EntityManager em, AccountEntity a) {
    if (a.taxExempt != 0) {
      return new TaxRate(null, BigDecimal.ZERO);
    }
    if (a.country != null) {
      TaxRateEntity r = em.find(TaxRateEntity.class, a.country);
      if (r != null) {
        return new TaxRate(r.name + " " + r.ratePercent.stripTrailingZeros().toPlainString() + "%", r.ratePercent);
      }
    }
    BigDecimal def = new BigDecimal(accounts.config().defaultTaxRate());
    return new TaxRate("Tax " + def.stripTrailingZeros().toPlainString() + "%", def);
  }

  /**
   * Opens a draft: takes the issuer's next number (gapless: the counter row is locked and moves in
   * this transaction), applies the credit balance, writes the ledger and tells the tenant. A
   * negative total (a downgrade's credit) is added to the credit balance and the invoice is settled.
   */
  void open(EntityManager em, InvoiceEntity i) {
    if (!Status.DRAFT.equals(i.status)) {
      throw ApiException.conflict("Only a draft can be finalized; this invoice is " + i.status);
    }
    AccountEntity a = em.find(AccountEntity.class, i.tenantId, LockModeType.PESSIMISTIC_WRITE);
    recompute(em, i, a);
    LocalDateTime now = store.utcNow();
    i.number = nextNumber(em, i.issuerId, Status.INVOICE);
    i.issuedAt = now;
    i.dueAt = now.plusDays(accounts.config().paymentTermsDays());
    ledger(em, i.tenantId, "invoice", i.id, null, i.totalMinor, i.currency, "Invoice " + i.number, "invoice:" + i.id);
    if (i.totalMinor <= 0) {
      a.creditBalanceMinor = Math.addExact(a.creditBalanceMinor, -i.totalMinor);
      i.amountDueMinor = 0;
      i.status = Status.PAID;
      i.paidAt = now;
      settle(em, i, com.ngx.billing.Settlement.PAID, now);
    } else {
      long credit = InvoiceMath.applyCredit(i.totalMinor, a.creditBalanceMinor);
      a.creditBalanceMinor -= credit;
      i.creditAppliedMinor = credit;
      i.amountDueMinor = i.totalMinor - credit;
      i.status = Status.OPEN;
      if (i.amountDueMinor == 0) {
        i.status = Status.PAID;
        i.paidAt = now;
        settle(em, i, com.ngx.billing.Settlement.PAID, now);
      }
    }
    a.updatedAt = now;
    UUID tenant = UUID.fromString(i.tenantId);
    notifier.mail(em, tenant, a.email, () -> MailTemplates.invoiceIssued(accounts.brand(em, a), a.email, a.billingName, i.number,
        Money.format(i.totalMinor, i.currency), i.dueAt.toLocalDate().toString(), accounts.link("/billing/invoices/" + i.id)));
    notifier.event(EventTypes.INVOICE_ISSUED, tenant, Map.of("invoiceId", i.id, "number", i.number,
        "total", Money.toDecimal(i.totalMinor, i.currency).toPlainString(), "currency", i.currency));
  }

  /** The issuer's next number of a kind, e.g. NGX-000042 or NGX-CN-000003. */
  String nextNumber(EntityManager em, String issuerId, String kind) {
    List<?> rows = em.createNativeQuery(
            "select next_number from bill_number_sequence where issuer_id = ? and kind = ? for update")
        .setParameter(1, issuerId).setParameter(2, kind).getResultList();
    long n;
    if (rows.isEmpty()) {
      n = 1;
      em.createNativeQuery("insert into bill_number_sequence (issuer_id, kind, next_number) values (?, ?, 2)")
          .setParameter(1, issuerId).setParameter(2, kind).executeUpdate();
    } else {
      n = ((Number) rows.get(0)).longValue();
      em.createNativeQuery("update bill_number_sequence set next_number = ? where issuer_id = ? and kind = ?")
          .setParameter(1, n + 1).setParameter(2, issuerId).setParameter(3, kind).executeUpdate();
    }
    IssuerEntity issuer = em.find(IssuerEntity.class, issuerId);
    String prefix = issuer.numberPrefix + (Status.CREDIT_NOTE.equals(kind) ? "-CN-" : "-");
    return prefix + String.format(java.util.Locale.ROOT, "%06d", n);
  }

  /** Records that the invoice was paid by {@code payment} (null for a manual settlement). */
  void paid(EntityManager em, InvoiceEntity i, PaymentEntity payment, long amountMinor) {
    if (!Status.OPEN.equals(i.status)) {
      return;
    }
    LocalDateTime now = store.utcNow();
    i.amountPaidMinor = Math.addExact(i.amountPaidMinor, amountMinor);
    i.amountDueMinor = Math.max(0, i.amountDueMinor - amountMinor);
    String paymentId = payment == null ? null : payment.id;
    ledger(em, i.tenantId, "payment", i.id, paymentId, -amountMinor, i.currency,
        "Payment of " + i.number, "payment:" + (paymentId == null ? i.id + ":" + i.amountPaidMinor : paymentId));
    AccountEntity a = em.find(AccountEntity.class, i.tenantId);
    if (payment != null && i.totalMinor > 0) {
      // the commission base is the payment without its tax
      long base = Shares.share(amountMinor, Math.max(0, i.subtotalMinor), i.totalMinor);
      partners.commission(em, a, payment.id, base, i.currency, "commission");
    }
    if (i.amountDueMinor == 0) {
      i.status = Status.PAID;
      i.paidAt = now;
      i.nextAttemptAt = null;
      settle(em, i, com.ngx.billing.Settlement.PAID, now);
      UUID tenant = UUID.fromString(i.tenantId);
      notifier.mail(em, tenant, a.email, () -> MailTemplates.paymentReceived(accounts.brand(em, a), a.email, a.billingName,
          i.number, Money.format(i.amountPaidMinor, i.currency)));
      notifier.event(EventTypes.INVOICE_PAID, tenant, Map.of("invoiceId", i.id, "number", i.number,
          "total", Money.toDecimal(i.totalMinor, i.currency).toPlainString(), "currency", i.currency));
      SubscriptionEntity s = em.find(SubscriptionEntity.class, i.tenantId, LockModeType.PESSIMISTIC_WRITE);
      if (s != null) {
        i.firstFailedAt = null;
        em.flush();
        accounts.reactivateIfSettled(em, s);
      }
    }
  }

  /** Records settlements (paid, refunded, chargeback) of the invoice's sourced lines. */
  private void settle(EntityManager em, InvoiceEntity i, String kind, LocalDateTime at) {
    for (InvoiceLineEntity l : lines(em, i.id)) {
      if (l.source == null) {
        continue;
      }
      settlement(em, i, l, kind, com.ngx.billing.Settlement.PAID.equals(kind) ? l.amountMinor : -l.amountMinor, at);
    }
  }

  private void settlement(EntityManager em, InvoiceEntity i, InvoiceLineEntity l, String kind, long amount, LocalDateTime at) {
    List<?> done = em.createNativeQuery("select id from bill_settlement where line_id = ? and kind = ?")
        .setParameter(1, l.id).setParameter(2, kind).getResultList();
    if (!done.isEmpty()) {
      return;
    }
    SettlementEntity s = new SettlementEntity();
    s.id = UUID.randomUUID().toString();
    s.tenantId = i.tenantId;
    s.invoiceId = i.id;
    s.lineId = l.id;
    s.source = l.source;
    s.sourceRef = l.sourceRef;
    s.kind = kind;
    s.amountMinor = amount;
    s.currency = i.currency;
    s.invoiceNumber = i.number;
    s.at = at;
    s.period = BillingStore.period(BillingStore.instant(at));
    em.persist(s);
  }

  /** Voids an open or draft invoice: nothing is owed any more; its credit goes back to the balance. */
  void voidInvoice(EntityManager em, InvoiceEntity i, String memo) {
    if (Status.DRAFT.equals(i.status)) {
      i.status = Status.VOID;
      i.closedAt = store.utcNow();
      i.memo = memo;
      return;
    }
    if (!Status.OPEN.equals(i.status) || i.amountPaidMinor > 0) {
      throw ApiException.conflict("Only an unpaid open invoice can be voided (this one is " + i.status
          + "); refund a paid one with a credit note");
    }
    AccountEntity a = em.find(AccountEntity.class, i.tenantId, LockModeType.PESSIMISTIC_WRITE);
    a.creditBalanceMinor = Math.addExact(a.creditBalanceMinor, i.creditAppliedMinor);
    ledger(em, i.tenantId, "void", i.id, null, -i.totalMinor, i.currency, "Void " + i.number, "void:" + i.id);
    i.status = Status.VOID;
    i.amountDueMinor = 0;
    i.nextAttemptAt = null;
    i.closedAt = store.utcNow();
    i.memo = memo;
    em.flush();
    SubscriptionEntity s = em.find(SubscriptionEntity.class, i.tenantId, LockModeType.PESSIMISTIC_WRITE);
    i.firstFailedAt = null;
    em.flush();
    accounts.reactivateIfSettled(em, s);
  }

  /** Writes an open invoice off: it stays on record, nothing more is collected. */
  void uncollectible(EntityManager em, InvoiceEntity i, String memo) {
    if (!Status.OPEN.equals(i.status)) {
      throw ApiException.conflict("Only an open invoice can be marked uncollectible; this one is " + i.status);
    }
    ledger(em, i.tenantId, "write_off", i.id, null, -i.amountDueMinor, i.currency, "Written off " + i.number,
        "write_off:" + i.id);
    i.status = Status.UNCOLLECTIBLE;
    i.nextAttemptAt = null;
    i.closedAt = store.utcNow();
    i.memo = memo;
  }

  /**
   * Issues a credit note against a paid invoice: whole lines ({@code lineIds}) or, without lines, a
   * single amount. Sourced lines credited in full reverse their settlements (the publisher's share
   * goes back); partners' commissions on the credited amount are reversed.
   *
   * @param kind {@link com.ngx.billing.Settlement#REFUNDED} or {@link com.ngx.billing.Settlement#CHARGEBACK}
   */
  InvoiceEntity creditNote(
      EntityManager em, InvoiceEntity original, List<String> lineIds, Long amountMinor, String memo, String kind,
      String idempotencyKey) {
    if (!Status.PAID.equals(original.status) || !Status.INVOICE.equals(original.kind)) {
      throw ApiException.conflict("Only a paid invoice can be credited; this one is " + original.status);
    }
    InvoiceEntity done = byKey(em, idempotencyKey);
    if (done != null) {
      return done;
    }
    long alreadyCredited = ((Number) em.createNativeQuery(
            "select coalesce(sum(total_minor), 0) from bill_invoice where original_invoice_id = ? and kind = 'credit_note'")
        .setParameter(1, original.id).getSingleResult()).longValue();
    long creditable = original.amountPaidMinor + original.creditAppliedMinor - alreadyCredited;
    List<InvoiceLineEntity> all = lines(em, original.id);
    List<LineDraft> drafts = new ArrayList<>();
    List<InvoiceLineEntity> reversed = new ArrayList<>();
    if (lineIds != null && !lineIds.isEmpty()) {
      for (String id : lineIds) {
        InvoiceLineEntity l = all.stream().filter(x -> x.id.equals(id)).findFirst()
            .orElseThrow(() -> ApiException.invalid("lineIds", "line " + id + " is not on invoice " + original.number));
        List<?> credited = em.createNativeQuery("select id from bill_invoice_line where original_line_id = ?")
            .setParameter(1, l.id).getResultList();
        if (!credited.isEmpty()) {
          throw ApiException.conflict("Line " + id + " was credited already");
        }
        drafts.add(new LineDraft("refund", "Credit: " + l.description, l.quantity, l.unitAmountMinor, l.amountMinor,
            l.periodStart, l.periodEnd, null, null));
        reversed.add(l);
      }
    } else {
      if (amountMinor == null || amountMinor <= 0) {
        throw ApiException.invalid("amount", "must be positive when no lines are given");
      }
      // the amount includes tax: credit its net part as a line, the tax follows at the invoice's rate
      BigDecimal rate = original.taxRatePercent == null ? BigDecimal.ZERO : original.taxRatePercent;
      long net = rate.signum() == 0 ? amountMinor
          : new BigDecimal(amountMinor).multiply(BigDecimal.valueOf(100))
              .divide(BigDecimal.valueOf(100).add(rate), 0, java.math.RoundingMode.HALF_EVEN).longValueExact();
      drafts.add(new LineDraft("refund", memo == null || memo.isBlank() ? "Credit on " + original.number : memo,
          1, net, net, null, null, null, null));
    }
    LocalDateTime now = store.utcNow();
    InvoiceEntity c = new InvoiceEntity();
    c.id = UUID.randomUUID().toString();
    c.tenantId = original.tenantId;
    c.issuerId = original.issuerId;
    c.kind = Status.CREDIT_NOTE;
    c.status = Status.DRAFT;
    c.reason = kind;
    c.currency = original.currency;
    c.period = original.period;
    c.originalInvoiceId = original.id;
    c.snapshot = original.snapshot;
    c.memo = memo;
    c.idempotencyKey = idempotencyKey;
    c.createdAt = now;
    em.persist(c);
    em.flush();
    writeLines(em, c, drafts);
    List<Long> amounts = new ArrayList<>();
    for (LineDraft d : drafts) {
      amounts.add(d.amountMinor());
    }
    BigDecimal rate = original.taxRatePercent == null ? BigDecimal.ZERO : original.taxRatePercent;
    InvoiceMath.Totals t = InvoiceMath.totals(amounts, rate);
    // a credit note's lines and totals are positive: each is an amount given back
    c.subtotalMinor = t.subtotalMinor();
    c.taxMinor = t.taxMinor();
    c.totalMinor = t.totalMinor();
    if (lineIds == null || lineIds.isEmpty()) {
      // an amount refunded is exact: its tax is what is left of it above the net line
      c.totalMinor = amountMinor;
      c.taxMinor = amountMinor - c.subtotalMinor;
    }
    c.taxName = original.taxName;
    c.taxRatePercent = original.taxRatePercent;
    if (c.totalMinor > creditable) {
      throw ApiException.invalid(lineIds == null || lineIds.isEmpty() ? "amount" : "lineIds",
          "credits " + Money.format(c.totalMinor, c.currency) + " but only " + Money.format(creditable, c.currency)
              + " of " + original.number + " is left to credit");
    }
    c.number = nextNumber(em, c.issuerId, Status.CREDIT_NOTE);
    c.status = Status.PAID;
    c.issuedAt = now;
    c.paidAt = now;
    c.closedAt = now;
    ledger(em, c.tenantId, "credit_note", c.id, null, -c.totalMinor, c.currency, "Credit note " + c.number, "credit_note:" + c.id);
    // what was paid in money goes back as money (a refund, or the chargeback the bank took); what
    // was paid from the credit balance goes back to the balance
    long cash = Math.min(c.totalMinor, cashRefundable(em, original));
    if (cash > 0) {
      ledger(em, c.tenantId, kind, c.id, null, cash, c.currency,
          (com.ngx.billing.Settlement.CHARGEBACK.equals(kind) ? "Chargeback on " : "Refund of ") + original.number,
          kind + ":" + c.id);
    }
    if (c.totalMinor > cash) {
      AccountEntity holder = em.find(AccountEntity.class, c.tenantId, LockModeType.PESSIMISTIC_WRITE);
      holder.creditBalanceMinor = Math.addExact(holder.creditBalanceMinor, c.totalMinor - cash);
    }
    List<InvoiceLineEntity> creditLines = lines(em, c.id);
    for (int k = 0; k < reversed.size(); k++) {
      creditLines.get(k).originalLineId = reversed.get(k).id;
      if (reversed.get(k).source != null) {
        settlement(em, original, reversed.get(k), kind, -reversed.get(k).amountMinor, now);
      }
    }
    AccountEntity a = em.find(AccountEntity.class, c.tenantId);
    List<PaymentEntity> payments = em.createQuery(
            "select p from PaymentEntity p where p.invoiceId = :i and p.status = 'succeeded' order by p.createdAt",
            PaymentEntity.class)
        .setParameter("i", original.id).getResultList();
    if (!payments.isEmpty()) {
      partners.commission(em, a, payments.get(0).id + ":" + c.id, -c.subtotalMinor, c.currency, "reversal");
    }
    return c;
  }

  /** What of a paid invoice's money payments can still be returned (paid minus refunded and charged back). */
  long cashRefundable(EntityManager em, InvoiceEntity original) {
    long returned = ((Number) em.createNativeQuery(
            "select coalesce(sum(l.amount_minor), 0) from bill_ledger l join bill_invoice c on l.invoice_id = c.id"
                + " where c.original_invoice_id = ? and l.kind in ('refunded', 'chargeback')")
        .setParameter(1, original.id).getSingleResult()).longValue();
    return Math.max(0, original.amountPaidMinor - returned);
  }

  /**
   * Credits what is left of a paid invoice (a chargeback): its lines not credited yet, or — when an
   * earlier refund by amount left less than those lines — the amount left.
   */
  InvoiceEntity creditAll(EntityManager em, InvoiceEntity original, String memo, String kind, String key) {
    long alreadyCredited = ((Number) em.createNativeQuery(
            "select coalesce(sum(total_minor), 0) from bill_invoice where original_invoice_id = ? and kind = 'credit_note'")
        .setParameter(1, original.id).getSingleResult()).longValue();
    long creditable = original.amountPaidMinor + original.creditAppliedMinor - alreadyCredited;
    if (creditable <= 0) {
      return null;
    }
    List<String> ids = new ArrayList<>();
    for (InvoiceLineEntity l : lines(em, original.id)) {
      List<?> credited = em.createNativeQuery("select id from bill_invoice_line where original_line_id = ?")
          .setParameter(1, l.id).getResultList();
      if (credited.isEmpty()) {
        ids.add(l.id);
      }
    }
    List<Long> amounts = new ArrayList<>();
    for (InvoiceLineEntity l : lines(em, original.id)) {
      if (ids.contains(l.id)) {
        amounts.add(l.amountMinor);
      }
    }
    long linesTotal = InvoiceMath.totals(amounts,
        original.taxRatePercent == null ? BigDecimal.ZERO : original.taxRatePercent).totalMinor();
    if (ids.isEmpty() || linesTotal > creditable) {
      return creditNote(em, original, null, creditable, memo, kind, key);
    }
    return creditNote(em, original, ids, null, memo, kind, key);
  }

  void ledger(EntityManager em, String tenantId, String kind, String invoiceId, String paymentId, long amount,
      String currency, String description, String key) {
    List<?> done = em.createNativeQuery("select id from bill_ledger where idempotency_key = ?")
        .setParameter(1, key).getResultList();
    if (!done.isEmpty()) {
      return;
    }
    LedgerEntryEntity e = new LedgerEntryEntity();
    e.id = UUID.randomUUID().toString();
    e.tenantId = tenantId;
    e.kind = kind;
    e.invoiceId = invoiceId;
    e.paymentId = paymentId;
    e.amountMinor = amount;
    e.currency = currency;
    e.description = description;
    e.at = store.utcNow();
    e.period = BillingStore.period(store.now());
    e.idempotencyKey = key;
    em.persist(e);
  }

  /** Issuer and customer as they were when the invoice was made (the PDF shows these). */
  ObjectNode snapshot(EntityManager em, AccountEntity a) {
    IssuerEntity i = accounts.issuer(em, a);
    ObjectNode o = Plans.JSON.createObjectNode();
    ObjectNode issuer = o.putObject("issuer");
    issuer.put("id", i.id);
    issuer.put("name", i.name);
    issuer.put("address", i.address);
    issuer.put("taxId", i.taxId);
    issuer.put("email", i.email);
    issuer.put("colour", i.colour);
    ObjectNode customer = o.putObject("customer");
    customer.put("name", a.billingName);
    customer.put("email", a.email);
    customer.put("country", a.country);
    customer.put("address", a.address);
    customer.put("taxId", a.taxId);
    customer.put("provider", a.provider);
    return o;
  }
}
