package com.ngx.marketplace.internal;

import java.util.Collection;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.bundle.CollisionHook;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.resolver.ResolverHook;
import org.osgi.framework.hooks.resolver.ResolverHookFactory;
import org.osgi.framework.namespace.BundleNamespace;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Keeps add-ons apart in the framework with OSGi hooks.
 *
 * <ul>
 *   <li>Resolver hook: a package a plugin's library exports can be wired only by bundles of the
 *       same add-on version, so no platform bundle and no other add-on ever wires to a plugin (and
 *       none is refreshed when it goes).
 *   <li>Collision hook: two add-on versions may ship the same library (same symbolic name and
 *       version), each getting its own copy.
 *   <li>Service find and event hooks: an add-on sees only its own services (no DataSource, no
 *       platform internals, no other add-on), and no platform bundle but the marketplace sees an
 *       add-on's services (a plugin cannot slip a JAX-RS filter or a health check into the
 *       platform). The marketplace calls plugins only through its contained host.
 * </ul>
 */
@Component(service = PluginIsolation.class, immediate = true)
public final class PluginIsolation {
  private static final Set<String> WIRING =
      Set.of(PackageNamespace.PACKAGE_NAMESPACE, BundleNamespace.BUNDLE_NAMESPACE, HostNamespace.HOST_NAMESPACE);

  private final ServiceRegistration<ResolverHookFactory> resolverHook;
  private final ServiceRegistration<CollisionHook> collisionHook;
  private final ServiceRegistration<FindHook> findHook;
  private final ServiceRegistration<EventListenerHook> eventHook;

  @Activate
  public PluginIsolation(BundleContext context) {
    Bundle self = context.getBundle();
    findHook =
        context.registerService(
            FindHook.class,
            (ctx, name, filter, allServices, references) ->
                references.removeIf(ref -> !visible(ctx.getBundle(), ref.getBundle(), self)),
            null);
    eventHook =
        context.registerService(
            EventListenerHook.class,
            (event, listeners) -> {
              Bundle provider = event.getServiceReference().getBundle();
              if (provider != null) {
                listeners.keySet().removeIf(ctx -> !visible(ctx.getBundle(), provider, self));
              }
            },
            null);
    resolverHook = context.registerService(ResolverHookFactory.class, triggers -> new Hook(), null);
    collisionHook =
        context.registerService(
            CollisionHook.class,
            (operation, target, candidates) -> {
              // the marketplace installs plugin bundles (and their libraries) only: allow duplicates
              if (target == self) {
                candidates.clear();
              }
            },
            null);
  }

  @Deactivate
  void deactivate() {
    resolverHook.unregister();
    collisionHook.unregister();
    findHook.unregister();
    eventHook.unregister();
  }

  /** Whether {@code consumer} may see a service registered by {@code provider}. */
  static boolean visible(Bundle consumer, Bundle provider, Bundle marketplace) {
    if (consumer == null || provider == null || consumer.getBundleId() == 0) {
      return true;
    }
    String consumerAddOn = addOn(consumer.getLocation());
    String providerAddOn = addOn(provider.getLocation());
    if (consumerAddOn != null) {
      // an add-on sees its own services only
      return consumerAddOn.equals(providerAddOn);
    }
    // platform bundles see platform services; add-on services only the marketplace
    return providerAddOn == null || consumer.equals(marketplace);
  }

  /** The add-on a location belongs to (its plugin bundle's location), or null for platform bundles. */
  static String addOn(String location) {
    if (!location.startsWith(PluginRuntime.LOCATION) && !location.startsWith(PluginRuntime.TRIAL)) {
      return null;
    }
    int library = location.indexOf(PluginRuntime.LIBRARY);
    return library < 0 ? location : location.substring(0, library);
  }

  private static final class Hook implements ResolverHook {
    @Override
    public void filterResolvable(Collection<BundleRevision> candidates) {
      // everything may resolve
    }

    @Override
    public void filterSingletonCollisions(BundleCapability singleton, Collection<BundleCapability> collisions) {
      // an add-on's singleton bundles do not collide with another add-on's copies
      String own = addOn(singleton.getRevision().getBundle().getLocation());
      collisions.removeIf(c -> {
        String other = addOn(c.getRevision().getBundle().getLocation());
        return (own != null || other != null) && !java.util.Objects.equals(own, other);
      });
    }

    @Override
    public void filterMatches(BundleRequirement requirement, Collection<BundleCapability> candidates) {
      if (!WIRING.contains(requirement.getNamespace())) {
        return;
      }
      String requirer = addOn(requirement.getRevision().getBundle().getLocation());
      candidates.removeIf(c -> {
        String provider = addOn(c.getRevision().getBundle().getLocation());
        return provider != null && !provider.equals(requirer);
      });
    }

    @Override
    public void end() {
      // nothing held
    }
  }
}
