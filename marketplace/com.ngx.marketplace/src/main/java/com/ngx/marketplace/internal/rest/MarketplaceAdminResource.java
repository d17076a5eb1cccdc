package com.ngx.marketplace.internal.rest;

import com.ngx.marketplace.internal.Installations;
import com.ngx.marketplace.internal.Ledger;
import com.ngx.marketplace.internal.PluginHostImpl;
import com.ngx.marketplace.internal.PluginRuntime;
import com.ngx.rest.PathIds;
import com.ngx.rest.Access;
import com.ngx.rest.ApiException;
import com.ngx.rest.RestConstants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** Operators' view of the marketplace runtime: every installation, plugin bundles and counters, charges, refunds. */
@Component(service = MarketplaceAdminResource.class)
@JaxrsResource
@JaxrsApplicationSelect(RestConstants.APPLICATION_SELECT)
@Path("marketplace")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "marketplace-admin", description = "Marketplace operations (operator key)")
@SecurityRequirement(name = "bearer")
public final class MarketplaceAdminResource {

  /** A month to charge. */
  public record PeriodDTO(String period) {}

  /** Why a charge is reversed. */
  public record RefundDTO(String reason) {}

  private final Installations installations;
  private final PluginRuntime runtime;
  private final PluginHostImpl host;
  private final Ledger ledger;

  @Activate
  public MarketplaceAdminResource(
      @Reference Installations installations,
      @Reference PluginRuntime runtime,
      @Reference PluginHostImpl host,
      @Reference Ledger ledger) {
    this.installations = installations;
    this.runtime = runtime;
    this.host = host;
    this.ledger = ledger;
  }

  @GET
  @Path("installations")
  @Access(operator = true)
  @Operation(summary = "Every live installation of every tenant")
  public List<Installations.Installation> installations() {
    return installations.all();
  }

  @GET
  @Path("runtime")
  @Access(operator = true)
  @Operation(summary = "Plugin bundles on this node, calls/failures/timeouts per plugin since start, bundle and"
      + " service counts, heap and loaded classes (?gc=true collects garbage first)")
  public Map<String, Object> runtime(@javax.ws.rs.QueryParam("gc") boolean gc) {
    List<Map<String, Object>> bundles = new ArrayList<>();
    for (Bundle b : runtime.allPluginBundles()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", b.getBundleId());
      m.put("symbolicName", b.getSymbolicName());
      m.put("version", b.getVersion().toString());
      m.put("location", b.getLocation());
      m.put("state", switch (b.getState()) {
        case Bundle.ACTIVE -> "active";
        case Bundle.RESOLVED -> "resolved";
        case Bundle.INSTALLED -> "installed";
        case Bundle.STARTING -> "starting";
        case Bundle.STOPPING -> "stopping";
        default -> "uninstalled";
      });
      bundles.add(m);
    }
    Map<String, Object> counters = new LinkedHashMap<>();
    host.counters().forEach((plugin, c) -> counters.put(plugin, Map.of(
        "calls", c.calls.get(), "failures", c.failures.get(), "timeouts", c.timeouts.get())));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("bundles", bundles);
    out.put("plugins", counters);
    out.put("pluginThreads", host.pluginThreads());
    // framework-wide figures, for the install/uninstall leak benchmark
    org.osgi.framework.BundleContext ctx = org.osgi.framework.FrameworkUtil.getBundle(getClass()).getBundleContext();
    out.put("frameworkBundles", ctx.getBundles().length);
    try {
      org.osgi.framework.ServiceReference<?>[] all = ctx.getAllServiceReferences(null, null);
      out.put("frameworkServices", all == null ? 0 : all.length);
    } catch (org.osgi.framework.InvalidSyntaxException e) {
      throw new IllegalStateException(e);
    }
    if (gc) {
      // a few full collections, so what remains is what is still referenced
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
    }
    java.lang.management.MemoryUsage heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    out.put("heapUsedBytes", heap.getUsed());
    out.put("loadedClasses", java.lang.management.ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());
    return out;
  }

  @POST
  @Path("charges/run")
  @Consumes(MediaType.APPLICATION_JSON)
  @Access(operator = true)
  @Operation(summary = "Record the month's add-on charges (monthly fees, ended trials); idempotent. Billing does"
      + " this itself when it closes the month")
  public Map<String, Object> runCharges(PeriodDTO body) {
    if (body == null || body.period() == null) {
      throw ApiException.invalid("period", "is required (YYYY-MM)");
    }
    YearMonth period = Ledger.parsePeriod(body.period());
    return Map.of("period", period.toString(), "charges", installations.runCharges(period));
  }

  @POST
  @Path("ledger/{entryId}/refund")
  @Consumes(MediaType.APPLICATION_JSON)
  @Access(operator = true)
  @Operation(
      summary = "Reverse a charge: a new negative ledger line",
      description = "Billing credits the line on the tenant's next invoice; the publisher's share is reversed on the"
          + " payout statement of the month billing settles that credit. Refunds and chargebacks of invoice"
          + " payments made in billing reverse the share themselves: do not also reverse the charge here.")
  public Ledger.Entry refund(@PathParam("entryId") String entryId, RefundDTO body) {
    return ledger.refund(PathIds.uuid(entryId, "charge"), body == null ? null : body.reason());
  }
}
