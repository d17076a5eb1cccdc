package com.ngx.marketplace.internal.shell;

import com.ngx.marketplace.internal.Installations;
import com.ngx.tenant.TenantService;
import java.util.Map;
import java.util.UUID;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Installs an add-on for a tenant. */
@Service
@Command(scope = "ngx", name = "market-install", description = "Install an add-on for a tenant (hot deploy)")
public final class MarketInstall implements Action {
  @Reference Installations installations;
  @Reference TenantService tenants;

  @Argument(index = 0, name = "tenant", description = "Tenant slug", required = true)
  String tenant;

  @Argument(index = 1, name = "listing", description = "Listing id", required = true)
  String listing;

  @Argument(index = 2, name = "version", description = "Version (default: newest published)", required = false)
  String version;

  @Override
  public Object execute() {
    Installations.Installation i =
        installations.install(
            Tenants.context(Tenants.bySlug(tenants, tenant)), UUID.fromString(listing), version, Map.of());
    System.out.println("Installed " + i.pluginId() + " " + i.version() + " for " + tenant + ": installation " + i.id()
        + " (" + i.status() + ", " + i.entitlement() + ")");
    return null;
  }
}
