package com.ngx.agent.internal.shell;

import com.ngx.agent.internal.service.Agents;
import com.ngx.rest.Page;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantService;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

/** {@code ngx:agent-list <tenant>}: a tenant's agents. */
@Service
@Command(scope = "ngx", name = "agent-list", description = "List a tenant's agents, newest first")
public class AgentList implements Action {

  @Reference TenantService tenants;
  @Reference Agents agents;

  @Argument(index = 0, name = "tenant", description = "Tenant id or slug", required = true)
  String tenant;

  @Option(name = "--limit", description = "How many (default 50)")
  int limit = 50;

  @Override
  public Object execute() {
    Tenant t = Tenants.resolve(tenants, tenant);
    Page<Agents.AgentView> page = Tenants.run(() -> agents.list(t.schema(), 0, Math.max(1, Math.min(limit, Page.MAX_LIMIT))));
    ShellTable table = new ShellTable();
    table.column("ID");
    table.column("Name");
    table.column("Language");
    table.column("Template");
    table.column("Live version");
    table.column("Draft rev.");
    table.column("Intents");
    table.column("Objections");
    for (Agents.AgentView a : page.items()) {
      table.addRow().addContent(a.id(), a.name(), String.join(",", a.languages()), a.templateId() == null ? "-" : a.templateId(),
          a.publishedVersion() == null ? "-" : a.publishedVersion(), a.draftRevision(), a.intents(), a.objections());
    }
    table.print(System.out);
    System.out.println(page.total() + " agent(s)");
    return null;
  }
}
