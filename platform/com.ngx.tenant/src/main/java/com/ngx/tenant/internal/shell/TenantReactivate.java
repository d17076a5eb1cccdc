package com.ngx.tenant.internal.shell;

import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code ngx:tenant-reactivate}: reactivates a suspended (or restores a deleted) tenant. */
@Service
@Command(scope = "ngx", name = "tenant-reactivate", description = "Reactivate a suspended tenant, or restore a deleted one")
public class TenantReactivate implements Action {

  @Reference TenantService tenants;

  @Argument(index = 0, name = "tenant", required = true, description = "Tenant id or slug")
  String tenant;

  @Override
  public Object execute() {
    Tenant t = TenantRef.run(() -> tenants.reactivate(TenantRef.resolve(tenants, tenant).id()));
    System.out.println("Tenant " + t.slug() + " is " + t.status().apiName());
    return null;
  }
}
