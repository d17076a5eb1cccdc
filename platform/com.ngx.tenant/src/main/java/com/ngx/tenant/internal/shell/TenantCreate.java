package com.ngx.tenant.internal.shell;

import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code ngx:tenant-create}: provisions a tenant. */
@Service
@Command(scope = "ngx", name = "tenant-create", description = "Provision a tenant (record, schema, migrations)")
public class TenantCreate implements Action {

  @Reference TenantService tenants;

  @Argument(index = 0, name = "slug", required = true, description = "3-40 lowercase letters, digits, hyphens")
  String slug;

  @Argument(index = 1, name = "name", required = true, description = "Display name (quote it)")
  String name;

  @Override
  public Object execute() {
    Tenant t = TenantRef.run(() -> tenants.provision(slug, name));
    System.out.println("Provisioned tenant " + t.slug() + " (" + t.id() + "), status " + t.status().apiName());
    return null;
  }
}
