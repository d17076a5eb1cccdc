package com.ngx.itests;

import com.ngx.marketplace.testkit.PluginJar;
import com.ngx.marketplace.testkit.TestSigner;
import java.nio.charset.StandardCharsets;

/** Plugin jars built by the tests: well-behaved ones and hostile ones. */
final class Plugins {
  private Plugins() {}

  /**
   * A plugin serving {@code GET /hello} with a health check; {@code healthyUntil} > 0 makes the
   * check report down from that instant (a version that passes certification, then breaks).
   */
  static byte[] hello(String pluginId, String version, long healthyUntil, TestSigner signer) {
    return base(pluginId, version, "  public WebResponse handle(PluginContext ctx, WebRequest r) {\n"
            + "    if (r.path().equals(\"/hello\")) {\n"
            + "      ctx.data().put(\"last\", r.method());\n"
            + "      return WebResponse.json(200, \"{\\\"tenant\\\":\\\"\" + ctx.tenant().slug() + \"\\\",\\\"version\\\":\\\""
            + version + "\\\"}\");\n"
            + "    }\n"
            + "    return WebResponse.json(404, \"{}\");\n"
            + "  }\n", healthyUntil, "")
        .signedBy(signer)
        .bytes();
  }

  /** A plugin whose web resource runs {@code body} (Java statements) before answering. */
  static PluginJar web(String pluginId, String version, String body, String extraClass) {
    return base(pluginId, version, "  public WebResponse handle(PluginContext ctx, WebRequest r) {\n"
        + body + "\n    return WebResponse.json(200, \"{}\");\n  }\n", 0, extraClass);
  }

  private static PluginJar base(String pluginId, String version, String handle, long healthyUntil, String extra) {
    String pkg = "com.acme." + pluginId.replace('-', '_') + ".v" + version.replace('.', '_');
    PluginJar jar = PluginJar.plugin(pluginId)
        .version(version)
        .header("Bundle-SymbolicName", "com.acme." + pluginId.replace('-', '.'))
        .header("Import-Package", "com.ngx.api.web;version=\"[1.0,2)\",com.ngx.api.plugin;version=\"[1.0,2)\","
            + "com.ngx.api.tenant;version=\"[1.0,2)\",com.ngx.api.health;version=\"[1.0,2)\"")
        .header("Service-Component", "OSGI-INF/web.xml,OSGI-INF/health.xml")
        .header("Require-Capability",
            "osgi.extender;filter:=\"(&(osgi.extender=osgi.component)(version>=1.4.0)(!(version>=2.0.0)))\"")
        .source(pkg + ".Web", "package " + pkg + ";\n"
            + "import com.ngx.api.web.*; import com.ngx.api.plugin.PluginContext;\n"
            + "public class Web implements WebResource {\n" + handle + "}\n")
        .source(pkg + ".Health", "package " + pkg + ";\n"
            + "import com.ngx.api.health.HealthCheck;\n"
            + "public class Health implements HealthCheck {\n"
            + "  public String name() { return \"" + pluginId + "\"; }\n"
            + "  public Result check() {\n"
            + "    return " + healthyUntil + "L == 0 || System.currentTimeMillis() < " + healthyUntil + "L\n"
            + "        ? Result.up(\"ok\") : Result.down(\"the quote service went away\");\n"
            + "  }\n"
            + "}\n")
        .resource("OSGI-INF/web.xml", component(pkg + ".Web", "com.ngx.api.web.WebResource"))
        .resource("OSGI-INF/health.xml", component(pkg + ".Health", "com.ngx.api.health.HealthCheck"));
    if (!extra.isEmpty()) {
      String name = extra.substring(extra.indexOf("class ") + 6).split("[\\s{]")[0];
      jar.source(pkg + "." + name, "package " + pkg + ";\n" + extra);
    }
    return jar;
  }

  static byte[] component(String impl, String service) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"" + impl + "\">\n"
        + "  <implementation class=\"" + impl + "\"/>\n"
        + "  <service><provide interface=\"" + service + "\"/></service>\n"
        + "</scr:component>\n").getBytes(StandardCharsets.UTF_8);
  }
}
