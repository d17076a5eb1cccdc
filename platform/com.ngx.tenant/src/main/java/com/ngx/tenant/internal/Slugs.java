package com.ngx.tenant.internal;

import java.util.Set;
import java.util.regex.Pattern;

/** The rules for tenant slugs, which are also subdomains and name the tenant's schema. */
final class Slugs {
  static final int MIN = 3;
  static final int MAX = 40;
  private static final Pattern SHAPE = Pattern.compile("[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*");

  /** Subdomains the platform keeps for itself. */
  static final Set<String> RESERVED =
      Set.of("www", "api", "app", "admin", "console", "mail", "smtp", "status", "docs", "help",
          "support", "billing", "static", "cdn", "assets", "widget", "marketplace", "operator",
          "platform", "ngx", "public", "system");

  private Slugs() {}

  /** Why the slug is not acceptable, or null if it is. */
  static String problem(String slug) {
    if (slug == null || slug.isEmpty()) {
      return "is required";
    }
    if (slug.length() < MIN || slug.length() > MAX) {
      return "must be " + MIN + " to " + MAX + " characters long";
    }
    if (!SHAPE.matcher(slug).matches()) {
      return "must be lowercase letters, digits and single hyphens, starting with a letter and"
          + " not ending with a hyphen";
    }
    if (RESERVED.contains(slug)) {
      return "is reserved";
    }
    return null;
  }

  /** The schema that holds the tenant's data: {@code t_} and the slug with underscores. */
  static String schemaOf(String slug) {
    return "t_" + slug.replace('-', '_');
  }
}
