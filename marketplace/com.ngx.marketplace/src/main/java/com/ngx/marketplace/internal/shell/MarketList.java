package com.ngx.marketplace.internal.shell;

import com.ngx.marketplace.internal.Catalog;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** Lists the published add-ons. */
@Service
@Command(scope = "ngx", name = "market-list", description = "List published add-ons (optionally matching a text)")
public final class MarketList implements Action {
  @Reference Catalog catalog;

  @Argument(index = 0, name = "query", description = "Words to search for", required = false)
  String query;

  @Override
  public Object execute() {
    ShellTable table = new ShellTable();
    table.column("Listing");
    table.column("Plugin");
    table.column("Name");
    table.column("Category");
    table.column("Version");
    table.column("Pricing");
    table.column("Installs");
    for (Catalog.Item i : catalog.search(query, null, null, null, 0, 1000).items()) {
      String price = i.pricing().isFree() ? "free" : i.pricing().model() + " " + i.pricing().amount() + " " + i.pricing().currency();
      table.addRow().addContent(i.id(), i.pluginId(), i.name(), i.category(), i.latestVersion(), price, i.installs());
    }
    table.print(System.out);
    return null;
  }
}
