package com.ngx.billing.internal.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.billing.internal.BillingOperations;
import com.ngx.tenant.TenantService;
import java.util.UUID;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Shows an invoice with its lines and payments, or lists a tenant's invoices. */
@Service
@Command(scope = "ngx", name = "invoice-show", description = "Show an invoice (id), or list a tenant's invoices (--tenant id-or-slug)")
public final class InvoiceShow implements Action {
  @Reference BillingOperations ops;
  @Reference TenantService tenants;

  @Argument(index = 0, name = "invoice", description = "The invoice id", required = false)
  String invoice;

  @Option(name = "--tenant", description = "List this tenant's invoices (id or slug)")
  String tenant;

  @Override
  public Object execute() {
    if (invoice == null && tenant == null) {
      System.err.println("Give an invoice id, or --tenant to list a tenant's invoices");
      return null;
    }
    if (invoice == null) {
      UUID id = tenants.find(tenant).orElseThrow(() -> new IllegalArgumentException("No tenant " + tenant)).id();
      ShellTable t = new ShellTable();
      for (String c : new String[] {"Id", "Number", "Kind", "Status", "Total", "Due", "Currency", "Issued"}) {
        t.column(c);
      }
      for (ObjectNode i : ops.invoices(id, 0, 200).items()) {
        t.addRow().addContent(i.path("id").asText(), i.path("number").asText("(draft)"), i.path("kind").asText(),
            i.path("status").asText(), i.path("total").asText(), i.path("amountDue").asText(),
            i.path("currency").asText(), i.path("issuedAt").asText(""));
      }
      t.print(System.out);
      return null;
    }
    ObjectNode i = ops.invoice(UUID.fromString(invoice));
    System.out.println((i.path("kind").asText().equals("credit_note") ? "Credit note " : "Invoice ")
        + i.path("number").asText("(draft)") + "  [" + i.path("status").asText() + "]");
    System.out.println("Tenant " + i.path("tenantId").asText() + ", period " + i.path("period").asText("-")
        + ", issued " + i.path("issuedAt").asText("-") + ", due " + i.path("dueAt").asText("-"));
    ShellTable t = new ShellTable();
    t.column("Line");
    t.column("Qty");
    t.column("Unit");
    t.column("Amount");
    for (JsonNode l : i.path("lines")) {
      t.addRow().addContent(l.path("description").asText(), l.path("quantity").asLong(), l.path("unitAmount").asText(),
          l.path("amount").asText());
    }
    t.print(System.out);
    String cur = " " + i.path("currency").asText();
    System.out.println("Subtotal " + i.path("subtotal").asText() + cur);
    if (!i.path("taxName").isNull()) {
      System.out.println(i.path("taxName").asText() + " " + i.path("tax").asText() + cur);
    }
    System.out.println("Total " + i.path("total").asText() + cur + "; credit applied " + i.path("creditApplied").asText()
        + ", paid " + i.path("amountPaid").asText() + ", due " + i.path("amountDue").asText() + cur);
    for (JsonNode p : i.path("payments")) {
      System.out.println("Payment " + p.path("attempt").asInt() + " via " + p.path("provider").asText() + ": "
          + p.path("status").asText() + " " + p.path("amount").asText() + cur
          + (p.path("failureCode").isNull() ? "" : " (" + p.path("failureCode").asText() + ")"));
    }
    return null;
  }
}
