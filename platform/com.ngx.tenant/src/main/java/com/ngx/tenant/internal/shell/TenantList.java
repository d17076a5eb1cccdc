package com.ngx.tenant.internal.shell;

import com.ngx.tenant.TenantQuery;
import com.ngx.tenant.TenantService;
import com.ngx.tenant.TenantStatus;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code ngx:tenant-list}: the tenants, newest first. */
@Service
@Command(scope = "ngx", name = "tenant-list", description = "List tenants, newest first")
public class TenantList implements Action {

  @Reference TenantService tenants;

  @Option(name = "--status", description = "provisioning, active, suspended, deleted or purged")
  String status;

  @Option(name = "--limit", description = "How many (default 50)")
  int limit = 50;

  @Override
  public Object execute() {
    TenantStatus filter = status == null ? null : TenantStatus.fromApiName(status);
    if (status != null && filter == null) {
      throw new IllegalArgumentException("Unknown status " + status);
    }
    TenantQuery query = new TenantQuery(filter, null, 0, Math.max(1, Math.min(limit, 1000)));
    ShellTable table = new ShellTable();
    table.column("ID");
    table.column("Slug");
    table.column("Name");
    table.column("Status");
    table.column("Created");
    tenants
        .list(query)
        .forEach(
            t ->
                table
                    .addRow()
                    .addContent(t.id(), t.slug(), t.name(), t.status().apiName(), t.createdAt()));
    table.print(System.out);
    System.out.println(tenants.count(query) + " tenant(s)");
    return null;
  }
}
