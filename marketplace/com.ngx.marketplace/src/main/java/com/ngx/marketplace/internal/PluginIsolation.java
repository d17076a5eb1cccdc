package com.ngx.marketplace.internal;

import java.util.Collection;
import java.util.Set;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.bundle.CollisionHook;
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
 * Keeps add-ons apart in the framework with the OSGi resolver and collision hooks: a package a
 * plugin's library exports can be wired only by bundles of the same add-on version, so no
 * platform bundle and no other add-on ever wires to a plugin (and none is refreshed when it goes);
 * and two add-on versions may ship the same library (same symbolic name and version), each
 * getting its own copy.
 */
@Component(service = PluginIsolation.class, immediate = true)
public final class PluginIsolation {
  private static final Set<String> WIRING =
      Set.of(PackageNamespace.PACKAGE_NAMESPACE, BundleNamespace.BUNDLE_NAMESPACE, HostNamespace.HOST_NAMESPACE);

  private final ServiceRegistration<ResolverHookFactory> resolverHook;
  private final ServiceRegistration<CollisionHook> collisionHook;

  @Activate
  public PluginIsolation(BundleContext context) {
    Bundle self = context.getBundle();
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
