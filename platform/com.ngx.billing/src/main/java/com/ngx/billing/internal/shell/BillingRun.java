package com.ngx.billing.internal.shell;

import com.ngx.billing.internal.BillingOperations;
import com.ngx.billing.internal.BillingRuns;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Runs billing now (the same as the scheduled run), optionally moving the test clock first. */
@Service
@Command(scope = "ngx", name = "billing-run", description = "Run billing now: end trials, renew months, open and collect invoices, dunning, mail")
public final class BillingRun implements Action {
  @Reference BillingOperations ops;

  @Option(name = "--advance", description = "Test clock only: move billing time first, e.g. P30D")
  String advance;

  @Option(name = "--threads", description = "Workers (1-8)")
  int threads = 2;

  @Override
  public Object execute() {
    if (advance != null) {
      ops.advance(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("advance", advance));
    }
    BillingRuns.Run r = ops.run(threads);
    System.out.println("Billing time " + r.clock() + ": " + r.status());
    System.out.println(r.message());
    if (r.failures() > 0) {
      System.out.println(r.failures() + " tenants failed; see the log (the next run tries them again)");
    }
    return null;
  }
}
