package com.ngx.marketplace.internal.shell;

import com.ngx.marketplace.internal.Installations;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Lists every tenant's installations. */
@Service
@Command(scope = "ngx", name = "market-installations", description = "List the installations of every tenant")
public final class MarketInstallations implements Action {
  @Reference Installations installations;

  @Override
  public Object execute() {
    ShellTable table = new ShellTable();
    table.column("Installation");
    table.column("Tenant");
    table.column("Plugin");
    table.column("Version");
    table.column("Status");
    table.column("Failures");
    for (Installations.Installation i : installations.all()) {
      table.addRow().addContent(i.id(), i.tenantId(), i.pluginId(), i.version(), i.status(), i.failures());
    }
    table.print(System.out);
    return null;
  }
}
