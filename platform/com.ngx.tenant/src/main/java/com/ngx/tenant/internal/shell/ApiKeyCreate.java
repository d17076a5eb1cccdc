package com.ngx.tenant.internal.shell;

import com.ngx.rest.Scopes;
import com.ngx.tenant.ApiKeyService;
import com.ngx.tenant.CreatedApiKey;
import com.ngx.tenant.TenantService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code ngx:apikey-create}: creates a tenant API key and prints its secret once. */
@Service
@Command(scope = "ngx", name = "apikey-create", description = "Create a tenant API key; the secret is printed once")
public class ApiKeyCreate implements Action {

  @Reference TenantService tenants;
  @Reference ApiKeyService keys;

  @Argument(index = 0, name = "tenant", required = true, description = "Tenant id or slug")
  String tenant;

  @Argument(index = 1, name = "name", required = true, description = "What the key is for")
  String name;

  @Option(name = "--scope", multiValued = true, description = "A scope (repeatable); default: *")
  List<String> scopes;

  @Override
  public Object execute() {
    Set<String> granted =
        scopes == null || scopes.isEmpty() ? Set.of(Scopes.ALL) : new LinkedHashSet<>(scopes);
    CreatedApiKey created =
        TenantRef.run(
            () -> keys.createTenantKey(TenantRef.resolve(tenants, tenant).id(), name, granted));
    System.out.println("API key " + created.key().id() + " scopes " + created.key().scopes());
    System.out.println(created.secret());
    return null;
  }
}
