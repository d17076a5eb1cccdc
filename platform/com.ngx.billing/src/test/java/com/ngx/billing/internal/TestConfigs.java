package com.ngx.billing.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Configuration as DS and Config Admin would hand it to billing's components, without OSGi. */
public final class TestConfigs {
  private TestConfigs() {}

  /**
   * A {@link BillingConfiguration} with these values; every other attribute has its default. Values
   * are given as the attribute's type (e.g. {@code "trialDays", 0}).
   */
  public static BillingConfiguration billing(Map<String, Object> values) {
    for (String name : values.keySet()) {
      try {
        BillingConfiguration.class.getMethod(name);
      } catch (NoSuchMethodException e) {
        throw new IllegalArgumentException("BillingConfiguration has no attribute " + name);
      }
    }
    return (BillingConfiguration) Proxy.newProxyInstance(BillingConfiguration.class.getClassLoader(),
        new Class<?>[] {BillingConfiguration.class}, (proxy, method, args) -> switch (method.getName()) {
          case "annotationType" -> BillingConfiguration.class;
          case "toString" -> "BillingConfiguration" + values;
          case "hashCode" -> values.hashCode();
          case "equals" -> proxy == args[0];
          default -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
        });
  }

  /**
   * A {@link ConfigurationAdmin} whose configurations have the properties given per PID; other PIDs
   * have none (null properties, as a configuration that was never set).
   */
  public static ConfigurationAdmin configAdmin(Map<String, Map<String, Object>> byPid) {
    return (ConfigurationAdmin) Proxy.newProxyInstance(ConfigurationAdmin.class.getClassLoader(),
        new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
          if (method.getName().equals("getConfiguration")) {
            return configuration((String) args[0], byPid.get((String) args[0]));
          }
          return objectMethod(proxy, method, args, "ConfigurationAdmin");
        });
  }

  private static Configuration configuration(String pid, Map<String, Object> properties) {
    return (Configuration) Proxy.newProxyInstance(Configuration.class.getClassLoader(),
        new Class<?>[] {Configuration.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getPid" -> pid;
          case "getProperties" -> properties == null ? null : dictionary(properties);
          default -> objectMethod(proxy, method, args, "Configuration " + pid);
        });
  }

  private static Dictionary<String, Object> dictionary(Map<String, Object> properties) {
    Hashtable<String, Object> d = new Hashtable<>(properties);
    d.put("service.pid", "ignored");
    return d;
  }

  private static Object objectMethod(Object proxy, Method method, Object[] args, String name) {
    return switch (method.getName()) {
      case "toString" -> name;
      case "hashCode" -> System.identityHashCode(proxy);
      case "equals" -> proxy == args[0];
      default -> throw new UnsupportedOperationException(name + "." + method.getName());
    };
  }
}
