package com.ngx.marketplace.internal.shell;

import com.ngx.marketplace.internal.Installations;
import com.ngx.tenant.TenantService;
import java.util.UUID;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Shows what installing an add-on for a tenant would do, without doing it. */
@Service
@Command(scope = "ngx", name = "market-plan", description = "Dry run: bundles an install would add, remove or refresh")
public final class MarketPlan implements Action {
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
    Installations.InstallPlan p =
        installations.plan(Tenants.context(Tenants.bySlug(tenants, tenant)), UUID.fromString(listing), version);
    System.out.println("Plugin:        " + p.pluginId() + " " + p.version()
        + (p.fromVersion() == null ? "" : " (from " + p.fromVersion() + ")"));
    System.out.println("Entitlement:   " + p.entitlement());
    System.out.println("Install:       " + p.runtime().install());
    System.out.println("Uninstall:     " + p.runtime().uninstall());
    System.out.println("Refresh:       " + p.runtime().refresh());
    System.out.println("Platform hit:  " + p.runtime().platformBundlesAffected());
    System.out.println("Allowed:       " + p.runtime().allowed());
    return null;
  }
}
