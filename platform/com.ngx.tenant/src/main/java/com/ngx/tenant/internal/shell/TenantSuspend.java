package com.ngx.tenant.internal.shell;

import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code ngx:tenant-suspend}: suspends a tenant with a reason. */
@Service
@Command(scope = "ngx", name = "tenant-suspend", description = "Suspend a tenant; its keys get 403 with the reason")
public class TenantSuspend implements Action {

  @Reference TenantService tenants;

  @Argument(index = 0, name = "tenant", required = true, description = "Tenant id or slug")
  String tenant;

  @Argument(index = 1, name = "reason", required = true, description = "Why (quote it)")
  String reason;

  @Override
  public Object execute() {
    Tenant t = TenantRef.run(() -> tenants.suspend(TenantRef.resolve(tenants, tenant).id(), reason));
    System.out.println("Tenant " + t.slug() + " is " + t.status().apiName() + ": " + t.statusReason());
    return null;
  }
}
