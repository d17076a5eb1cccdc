package com.ngx.rest.internal;

import com.ngx.api.health.HealthCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** The health checks registered in the runtime, and which of them readiness requires. */
@Component(service = Health.class, configurationPid = "com.ngx.rest")
public final class Health {

  /** The result of every check, by name, and the overall verdict. */
  record Report(boolean up, Map<String, HealthCheck.Result> checks) {}

  private final List<HealthCheck> checks = new CopyOnWriteArrayList<>();
  private final Set<String> required;

  @Activate
  public Health(RestConfiguration configuration) {
    this.required = ConfigValues.list(configuration.requiredHealthChecks());
  }

  @Reference(
      cardinality = ReferenceCardinality.MULTIPLE,
      policy = ReferencePolicy.DYNAMIC,
      unbind = "removeCheck")
  void addCheck(HealthCheck check) {
    checks.add(check);
  }

  void removeCheck(HealthCheck check) {
    checks.remove(check);
  }

  Report run() {
    Map<String, HealthCheck.Result> results = new LinkedHashMap<>();
    boolean up = true;
    for (HealthCheck check : checks) {
      HealthCheck.Result result;
      try {
        result = check.check();
      } catch (RuntimeException e) {
        // the probe is anonymous: no exception text leaves the node
        org.slf4j.LoggerFactory.getLogger(Health.class).warn("Health check {} failed", check.name(), e);
        result = HealthCheck.Result.down("check failed");
      }
      results.put(check.name(), result);
      up &= result.up();
    }
    for (String name : required) {
      if (!results.containsKey(name)) {
        results.put(name, HealthCheck.Result.down("not registered yet"));
        up = false;
      }
    }
    return new Report(up, results);
  }
}
