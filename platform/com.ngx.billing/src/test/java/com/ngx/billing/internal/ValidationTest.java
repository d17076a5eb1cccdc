package com.ngx.billing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ngx.rest.ApiException;
import com.ngx.rest.FieldError;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the REST resources pass on unchecked: plan ids, {@code when}, and tenants reaching across. */
class ValidationTest {
  private static BillingHarness h;

  @BeforeAll
  static void start() {
    h = BillingHarness.startingAt(Instant.parse("2026-09-01T12:00:00Z"));
  }

  @AfterAll
  static void stop() {
    h.close();
  }

  private static ApiException invalid(String field, Executable call) {
    ApiException e = assertThrows(ApiException.class, call);
    assertEquals(400, e.status());
    assertEquals(field, e.errors().stream().map(FieldError::field).findFirst().orElse(null), e.getMessage());
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # case,                            plan,     when,     field at fault
      'an unknown plan',                 platinum, now,      planId
      'no plan at all',                  ,         now,      planId
      'a plan id in capitals',           GROWTH,   now,      planId
      'when tomorrow',                   scale,    tomorrow, when
      'when in capitals',                scale,    NOW,      when
      'when is checked before the plan', platinum, soon,     when
      """)
  void changeRejects(String description, String plan, String when, String field) {
    UUID t = h.tenant("changer");
    invalid(field, () -> h.subscriptions.change(t, plan, when));
    assertEquals("growth", h.subscriptions.view(t).plan(), "nothing changed");
  }

  @Test
  void unknownPlanNamesIt() {
    UUID t = h.tenant("named");
    ApiException e = invalid("planId", () -> h.subscriptions.change(t, "platinum", "now"));
    assertEquals("is not an available plan: platinum", e.errors().get(0).message());
  }

  @Test
  void anArchivedPlanCannotBeChosen() {
    ObjectNode legacy = Plans.json(h.plans.current("starter").orElseThrow());
    legacy.put("archived", true);
    h.operations.savePlan("legacy", legacy);
    UUID t = h.tenant("archivist");
    invalid("planId", () -> h.subscriptions.change(t, "legacy", "now"));
  }

  @Test
  void cancelRejectsAnUnknownWhen() {
    UUID t = h.tenant("canceller");
    invalid("when", () -> h.subscriptions.cancel(t, "yesterday"));
    assertEquals("trialing", h.status(t));
  }

  @Test
  void aTenantCannotReachAnotherTenantsInvoices() {
    UUID owner = h.tenant("owner");
    UUID other = h.tenant("other");
    ObjectNode body = Plans.JSON.createObjectNode();
    body.putArray("lines").addObject().put("description", "Setup").put("amount", "99.00");
    UUID invoice = UUID.fromString(h.operations.draft(owner, body).path("id").asText());
    h.operations.finalizeInvoice(invoice);
    assertEquals(owner.toString(), h.invoices.get(owner, invoice, false).path("tenantId").asText());
    ApiException e = assertThrows(ApiException.class, () -> h.invoices.get(other, invoice, false));
    assertEquals(404, e.status());
    assertEquals("No invoice " + invoice, e.getMessage(), "the same answer as for an invoice that does not exist");
    assertEquals(404, assertThrows(ApiException.class, () -> h.invoices.get(other, UUID.randomUUID(), false)).status());
    assertEquals(404, assertThrows(ApiException.class, () -> h.pdfs.render(other, invoice)).status());
    assertEquals(0, h.invoices.list(other, false, 0, 50).total());
  }

  @Test
  void aTaxRateNeedsACountryANameAndASaneRate() {
    invalid("country", () -> h.operations.setTaxRate("XX",
        Plans.JSON.createObjectNode().put("name", "VAT").put("ratePercent", "20")));
    invalid("ratePercent", () -> h.operations.setTaxRate("FR",
        Plans.JSON.createObjectNode().put("name", "TVA").put("ratePercent", "120")));
    invalid("ratePercent", () -> h.operations.setTaxRate("FR",
        Plans.JSON.createObjectNode().put("name", "TVA").put("ratePercent", "5.00001")));
    invalid("name", () -> h.operations.setTaxRate("FR", Plans.JSON.createObjectNode().put("ratePercent", "20")));
  }

  @Test
  void aDraftNeedsLinesWithAmounts() {
    UUID t = h.tenant("drafter");
    invalid("lines", () -> h.operations.draft(t, Plans.JSON.createObjectNode()));
    ObjectNode body = Plans.JSON.createObjectNode();
    body.putArray("lines").addObject().put("description", "Setup").put("amount", "12.345");
    invalid("lines[0].amount", () -> h.operations.draft(t, body));
  }
}
