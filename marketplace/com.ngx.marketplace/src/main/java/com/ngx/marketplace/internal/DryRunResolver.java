package com.ngx.marketplace.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.utils.resource.ResourceBuilder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;
import org.osgi.resource.Wiring;
import org.osgi.service.resolver.HostedCapability;
import org.osgi.service.resolver.ResolutionException;
import org.osgi.service.resolver.ResolveContext;
import org.osgi.service.resolver.Resolver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Resolves an uploaded bundle against the running platform with the framework's OSGi resolver,
 * without installing anything: every installed, resolved bundle keeps its wiring (so a resolution
 * that would need to rewire a platform bundle fails), and only the candidate is new.
 */
@Component(service = DryRunResolver.class)
public final class DryRunResolver {
  private final BundleContext context;
  private final Resolver resolver;

  @Activate
  public DryRunResolver(BundleContext context, @Reference Resolver resolver) {
    this.context = context;
    this.resolver = resolver;
  }

  /** Null when the bundle resolves; otherwise why not. */
  public String resolve(Map<String, String> manifest) {
    return resolve(List.of(manifest));
  }

  /** Null when the bundles (of one add-on) resolve together; otherwise why not. */
  public String resolve(List<Map<String, String>> manifests) {
    List<Resource> candidates = new ArrayList<>();
    try {
      for (int i = 0; i < manifests.size(); i++) {
        candidates.add(ResourceBuilder.build("upload:candidate-" + i, manifests.get(i)));
      }
    } catch (BundleException | RuntimeException e) {
      return "The manifest cannot be read as an OSGi bundle: " + e.getMessage();
    }
    Map<Resource, Wiring> wirings = new HashMap<>();
    List<BundleRevision> revisions = new ArrayList<>();
    for (Bundle b : context.getBundles()) {
      BundleRevision rev = b.adapt(BundleRevision.class);
      if (rev == null || b.getLocation().startsWith(PluginRuntime.TRIAL)) {
        continue;
      }
      BundleWiring wiring = rev.getWiring();
      if (wiring != null) {
        wirings.put(rev, wiring);
        revisions.add(rev);
      }
    }
    try {
      resolver.resolve(new Context(candidates, revisions, wirings));
      return null;
    } catch (ResolutionException e) {
      return e.getMessage();
    } catch (RuntimeException e) {
      return "The resolver failed: " + e;
    }
  }

  private static final class Context extends ResolveContext {
    private final List<Resource> candidates;
    private final List<BundleRevision> revisions;
    private final Map<Resource, Wiring> wirings;

    Context(List<Resource> candidates, List<BundleRevision> revisions, Map<Resource, Wiring> wirings) {
      this.candidates = candidates;
      this.revisions = revisions;
      this.wirings = wirings;
    }

    @Override
    public Collection<Resource> getMandatoryResources() {
      return candidates;
    }

    @Override
    public List<Capability> findProviders(Requirement requirement) {
      List<Capability> out = new ArrayList<>();
      Filter filter = filter(requirement);
      String ns = requirement.getNamespace();
      for (Resource candidate : candidates) {
        for (Capability c : candidate.getCapabilities(ns)) {
          if (matches(filter, c)) {
            out.add(c);
          }
        }
      }
      for (BundleRevision rev : revisions) {
        if (rev.getBundle().getLocation().startsWith(PluginRuntime.LOCATION)) {
          // other add-ons' bundles are invisible to this one (PluginIsolation)
          continue;
        }
        for (Capability c : wirings.get(rev).getResourceCapabilities(ns)) {
          if (matches(filter, c)) {
            out.add(c);
          }
        }
      }
      return out;
    }

    @Override
    public int insertHostedCapability(List<Capability> capabilities, HostedCapability hosted) {
      capabilities.add(hosted);
      return capabilities.size() - 1;
    }

    @Override
    public boolean isEffective(Requirement requirement) {
      String effective = requirement.getDirectives().get(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE);
      return effective == null || Namespace.EFFECTIVE_RESOLVE.equals(effective);
    }

    @Override
    public Map<Resource, Wiring> getWirings() {
      return wirings;
    }

    private static Filter filter(Requirement r) {
      String f = r.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
      if (f == null) {
        return null;
      }
      try {
        return FrameworkUtil.createFilter(f);
      } catch (InvalidSyntaxException e) {
        return null;
      }
    }

    private static boolean matches(Filter filter, Capability c) {
      if (filter == null) {
        return true;
      }
      if (Constants.OBJECTCLASS.equals(c.getNamespace())) {
        return false;
      }
      return filter.matches(c.getAttributes());
    }
  }
}
