package com.ngx.marketplace.internal.shell;

import com.ngx.marketplace.internal.Installations;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantService;
import java.util.UUID;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Uninstalls an add-on for a tenant. */
@Service
@Command(scope = "ngx", name = "market-uninstall", description = "Uninstall an add-on for a tenant")
public final class MarketUninstall implements Action {
  @Reference Installations installations;
  @Reference TenantService tenants;

  @Option(name = "--data", description = "retain (default), export or purge the add-on's data")
  String data = "retain";

  @Argument(index = 0, name = "tenant", description = "Tenant slug", required = true)
  String tenant;

  @Argument(index = 1, name = "installation", description = "Installation id", required = true)
  String installation;

  @Override
  public Object execute() {
    Tenant t = Tenants.bySlug(tenants, tenant);
    Installations.Uninstalled u =
        installations.uninstall(Tenants.context(t), t.schema(), UUID.fromString(installation), data);
    System.out.println("Uninstalled " + u.id() + " (data: " + u.data() + ", purged entries: " + u.purged() + ")");
    if (u.export() != null) {
      u.export().forEach((k, v) -> System.out.println(k + " = " + v));
    }
    return null;
  }
}
