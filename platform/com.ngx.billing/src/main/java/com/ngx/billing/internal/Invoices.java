package com.ngx.billing.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.billing.internal.calc.Money;
import com.ngx.rest.ApiException;
import com.ngx.rest.Page;
import java.util.List;
import java.util.UUID;
import javax.persistence.EntityManager;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Reading invoices (tenant-scoped or by an operator) and the ledger's reconciliation. */
@Component(service = Invoices.class)
public final class Invoices {
  private final BillingStore store;
  private final Invoicing invoicing;

  @Activate
  public Invoices(@Reference BillingStore store, @Reference Invoicing invoicing) {
    this.store = store;
    this.invoicing = invoicing;
  }

  /** A tenant's invoices and credit notes, newest first; drafts only for operators. */
  public Page<ObjectNode> list(UUID tenantId, boolean drafts, int offset, int limit) {
    Page.checkBounds(offset, limit);
    return store.tx(em -> {
      String where = "i.tenantId = :t" + (drafts ? "" : " and i.status <> 'draft'");
      long total = em.createQuery("select count(i) from InvoiceEntity i where " + where, Long.class)
          .setParameter("t", tenantId.toString()).getSingleResult();
      List<ObjectNode> items = em.createQuery(
              "select i from InvoiceEntity i where " + where + " order by i.createdAt desc, i.id", InvoiceEntity.class)
          .setParameter("t", tenantId.toString()).setFirstResult(offset).setMaxResults(limit).getResultList()
          .stream().map(i -> json(em, i, false)).toList();
      return new Page<>(items, offset, limit, total);
    });
  }

  /** One invoice of the tenant (404 for another tenant's: no existence leak); null tenant: any. */
  public InvoiceEntity find(EntityManager em, UUID tenantId, String id, boolean drafts) {
    InvoiceEntity i = em.find(InvoiceEntity.class, id);
    if (i == null || (tenantId != null && !i.tenantId.equals(tenantId.toString()))
        || (!drafts && Status.DRAFT.equals(i.status))) {
      throw ApiException.notFound("No invoice " + id);
    }
    return i;
  }

  public ObjectNode get(UUID tenantId, UUID id, boolean drafts) {
    return store.tx(em -> json(em, find(em, tenantId, id.toString(), drafts), true));
  }

  ObjectNode json(EntityManager em, InvoiceEntity i, boolean withLines) {
    ObjectNode o = Plans.JSON.createObjectNode();
    o.put("id", i.id);
    o.put("tenantId", i.tenantId);
    o.put("kind", i.kind);
    o.put("number", i.number);
    o.put("status", i.status);
    o.put("reason", i.reason);
    o.put("period", i.period);
    o.put("currency", i.currency);
    o.put("subtotal", Money.toDecimal(i.subtotalMinor, i.currency));
    o.put("tax", Money.toDecimal(i.taxMinor, i.currency));
    o.put("total", Money.toDecimal(i.totalMinor, i.currency));
    o.put("creditApplied", Money.toDecimal(i.creditAppliedMinor, i.currency));
    o.put("amountPaid", Money.toDecimal(i.amountPaidMinor, i.currency));
    o.put("amountDue", Money.toDecimal(i.amountDueMinor, i.currency));
    o.put("totalMinor", i.totalMinor);
    o.put("amountDueMinor", i.amountDueMinor);
    o.put("taxName", i.taxName);
    if (i.taxRatePercent == null) {
      o.putNull("taxRatePercent");
    } else {
      o.put("taxRatePercent", i.taxRatePercent);
    }
    o.put("issuedAt", str(i.issuedAt));
    o.put("dueAt", str(i.dueAt));
    o.put("paidAt", str(i.paidAt));
    o.put("closedAt", str(i.closedAt));
    o.put("attempts", i.attempts);
    o.put("nextAttemptAt", str(i.nextAttemptAt));
    o.put("originalInvoiceId", i.originalInvoiceId);
    o.put("memo", i.memo);
    if (withLines) {
      ArrayNode lines = o.putArray("lines");
      for (InvoiceLineEntity l : invoicing.lines(em, i.id)) {
        ObjectNode x = lines.addObject();
        x.put("id", l.id);
        x.put("kind", l.kind);
        x.put("description", l.description);
        x.put("quantity", l.quantity);
        x.put("unitAmount", Money.toDecimal(l.unitAmountMinor, i.currency));
        x.put("amount", Money.toDecimal(l.amountMinor, i.currency));
        x.put("amountMinor", l.amountMinor);
        x.put("periodStart", l.periodStart == null ? null : l.periodStart.toString());
        x.put("periodEnd", l.periodEnd == null ? null : l.periodEnd.toString());
        x.put("source", l.source);
        x.put("sourceRef", l.sourceRef);
      }
      ArrayNode payments = o.putArray("payments");
      for (PaymentEntity p : em.createQuery(
              "select p from PaymentEntity p where p.invoiceId = :i order by p.createdAt", PaymentEntity.class)
          .setParameter("i", i.id).getResultList()) {
        ObjectNode x = payments.addObject();
        x.put("id", p.id);
        x.put("provider", p.provider);
        x.put("attempt", p.attempt);
        x.put("status", p.status);
        x.put("amount", Money.toDecimal(p.amountMinor, p.currency));
        x.put("reference", p.reference);
        x.put("failureCode", p.failureCode);
        x.put("message", p.message);
        x.put("createdAt", str(p.createdAt));
      }
    }
    return o;
  }

  private static String str(java.time.LocalDateTime t) {
    return t == null ? null : BillingStore.instant(t).toString();
  }

  /**
   * The tenant's ledger and its reconciliation: the ledger's sum must equal the open invoices'
   * amounts due minus the credit balance, to the cent.
   */
  public ObjectNode reconciliation(UUID tenantId) {
    return store.tx(em -> {
      String t = tenantId.toString();
      ObjectNode o = Plans.JSON.createObjectNode();
      AccountEntity a = em.find(AccountEntity.class, t);
      if (a == null) {
        throw ApiException.notFound("No billing account for tenant " + tenantId);
      }
      long ledger = ((Number) em.createNativeQuery("select coalesce(sum(amount_minor), 0) from bill_ledger where tenant_id = ?")
          .setParameter(1, t).getSingleResult()).longValue();
      long due = ((Number) em.createNativeQuery(
              "select coalesce(sum(amount_due_minor), 0) from bill_invoice where tenant_id = ? and status = 'open'")
          .setParameter(1, t).getSingleResult()).longValue();
      o.put("currency", a.currency);
      o.put("ledgerBalanceMinor", ledger);
      o.put("openAmountDueMinor", due);
      o.put("creditBalanceMinor", a.creditBalanceMinor);
      o.put("reconciled", ledger == due - a.creditBalanceMinor);
      ArrayNode entries = o.putArray("entries");
      for (LedgerEntryEntity e : em.createQuery(
              "select e from LedgerEntryEntity e where e.tenantId = :t order by e.at, e.id", LedgerEntryEntity.class)
          .setParameter("t", t).getResultList()) {
        ObjectNode x = entries.addObject();
        x.put("kind", e.kind);
        x.put("amountMinor", e.amountMinor);
        x.put("amount", Money.toDecimal(e.amountMinor, e.currency));
        x.put("currency", e.currency);
        x.put("description", e.description);
        x.put("invoiceId", e.invoiceId);
        x.put("at", str(e.at));
      }
      return o;
    });
  }
}
