package com.ngx.marketplace.internal.certify;

import java.util.List;

/**
 * What the static certification read from a plugin's manifest; a field is null when its header is
 * absent.
 *
 * @param symbolicName {@code Bundle-SymbolicName} without its directives
 * @param version {@code Bundle-Version}, normalized ({@code 1.2} becomes {@code 1.2.0}) when it is
 *     valid
 * @param pluginId {@code NGX-Plugin-Id}
 * @param name {@code NGX-Plugin-Name}
 * @param category {@code NGX-Plugin-Category}, e.g. {@code integration}
 * @param publisher {@code NGX-Plugin-Publisher}
 * @param dataDescription {@code NGX-Plugin-Data}: what the plugin keeps per tenant
 * @param apiRange the platform API versions the plugin works with, e.g. {@code [1.0.0,2.0.0)}: the
 *     intersection of the version ranges of its {@code com.ngx.api} imports
 * @param imports the packages named in {@code Import-Package}, in order
 */
public record BundleFacts(
    String symbolicName,
    String version,
    String pluginId,
    String name,
    String category,
    String publisher,
    String dataDescription,
    String apiRange,
    List<String> imports) {

  public BundleFacts {
    imports = imports == null ? List.of() : List.copyOf(imports);
  }
}
