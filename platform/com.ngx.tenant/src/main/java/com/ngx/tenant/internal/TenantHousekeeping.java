package com.ngx.tenant.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases tenants whose grace period has ended and cleans up provisionings that a dead node left
 * half done.
 */
@Component(configurationPid = "com.ngx.tenant", immediate = true, service = TenantHousekeeping.class)
public final class TenantHousekeeping {

  private static final Logger LOG = LoggerFactory.getLogger(TenantHousekeeping.class);

  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "ngx-tenant-housekeeping");
            t.setDaemon(true);
            return t;
          });

  @Activate
  public TenantHousekeeping(
      @Reference TenantServiceImpl tenants,
      @Reference KeyAuthenticator authenticator,
      TenantConfiguration configuration) {
    Duration stuck = Duration.ofMinutes(configuration.stuckProvisioningMinutes());
    long every = Math.max(1, configuration.purgeIntervalMinutes());
    scheduler.scheduleWithFixedDelay(
        () -> {
          try {
            int n = tenants.housekeeping(stuck);
            if (n > 0) {
              LOG.info("Tenant housekeeping handled {} tenants", n);
            }
          } catch (RuntimeException e) {
            LOG.error("Tenant housekeeping failed", e);
          }
        },
        1,
        every * 60,
        TimeUnit.SECONDS);
  }

  @Deactivate
  void deactivate() {
    scheduler.shutdownNow();
  }

}
