package com.ngx.llm.openai.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What bnd generated into {@code target/classes} (the build runs it before the tests): the
 * headers the marketplace certifies and the settings definition the console renders.
 */
class BundleMetadataTest {
  /** The packages the marketplace's default import policy allows besides {@code java.*}. */
  static final List<String> ALLOWED =
      List.of(
          "com.ngx.api",
          "javax.crypto",
          "javax.net",
          "javax.security.auth.x500",
          "javax.xml",
          "org.w3c.dom",
          "org.xml.sax",
          "org.ietf.jgss",
          "org.osgi.framework",
          "org.osgi.service.component",
          "org.osgi.service.metatype",
          "org.osgi.util.tracker",
          "org.slf4j");

  private static Attributes manifest() throws Exception {
    for (URL url :
        Collections.list(getClassLoader().getResources("META-INF/MANIFEST.MF"))) {
      try (InputStream in = url.openStream()) {
        Attributes main = new Manifest(in).getMainAttributes();
        if ("com.ngx.llm.openai".equals(main.getValue("Bundle-SymbolicName"))) {
          return main;
        }
      }
    }
    throw new AssertionError("no manifest of com.ngx.llm.openai on the class path");
  }

  private static ClassLoader getClassLoader() {
    return BundleMetadataTest.class.getClassLoader();
  }

  @Test
  void pluginHeaders() throws Exception {
    Attributes m = manifest();
    assertEquals("llm-openai", m.getValue("NGX-Plugin-Id"));
    assertEquals("OpenAI-compatible language model", m.getValue("NGX-Plugin-Name"));
    assertEquals("integration", m.getValue("NGX-Plugin-Category"));
    assertEquals("NGX Labs", m.getValue("NGX-Plugin-Publisher"));
    assertEquals("2", m.getValue("Bundle-ManifestVersion"));
    // a plugin exports nothing and uses none of the headers certification forbids
    for (String forbidden :
        new String[] {
          "Export-Package", "Fragment-Host", "Require-Bundle", "DynamicImport-Package",
          "Bundle-NativeCode", "Bundle-ClassPath"
        }) {
      assertNull(m.getValue(forbidden), forbidden);
    }
  }

  @Test
  void importsOnlyWhatCertificationAllowsWithRanges() throws Exception {
    String imports = manifest().getValue("Import-Package");
    for (String clause : imports.split(",(?=[a-z])")) {
      String pkg = clause.split(";")[0];
      boolean java = pkg.equals("java") || pkg.startsWith("java.");
      boolean allowed =
          java || ALLOWED.stream().anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."));
      assertTrue(allowed, pkg);
      if (!java) {
        assertTrue(clause.contains("version=\"["), "no version range on " + clause);
      }
    }
    assertTrue(imports.contains("com.ngx.api.llm;version=\"[1.0,2)\""), imports);
  }

  @Test
  void settingsDefinition() throws Exception {
    Document doc;
    try (InputStream in =
        getClassLoader().getResourceAsStream("OSGI-INF/metatype/llm-openai.xml")) {
      assertNotNull(in, "no metatype for llm-openai");
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      doc = f.newDocumentBuilder().parse(in);
    }
    Element ocd = (Element) doc.getElementsByTagName("OCD").item(0);
    assertEquals("llm-openai", ocd.getAttribute("id"));
    Element designate = (Element) doc.getElementsByTagName("Designate").item(0);
    assertEquals("llm-openai", designate.getAttribute("pid"));

    Map<String, Element> ads = new LinkedHashMap<>();
    NodeList list = ocd.getElementsByTagName("AD");
    for (int i = 0; i < list.getLength(); i++) {
      Element ad = (Element) list.item(i);
      ads.put(ad.getAttribute("id"), ad);
    }
    assertEquals(
        new ArrayList<>(List.of("baseUrl", "apiKey", "model", "timeoutSeconds", "maxTokens")),
        new ArrayList<>(ads.keySet()));
    // each case: attribute, type, default, min, max
    String[][] cases = {
      {"baseUrl", "String", "https://api.openai.com/v1", "", ""},
      {"apiKey", "Password", "", "", ""},
      {"model", "String", "gpt-4o-mini", "", ""},
      {"timeoutSeconds", "Integer", "20", "1", "120"},
      {"maxTokens", "Integer", "400", "1", "16384"},
    };
    for (String[] c : cases) {
      Element ad = ads.get(c[0]);
      assertEquals(c[1], ad.getAttribute("type"), c[0]);
      assertEquals(c[2], ad.getAttribute("default"), c[0]);
      assertEquals(c[3], ad.getAttribute("min"), c[0]);
      assertEquals(c[4], ad.getAttribute("max"), c[0]);
    }
    // the key is optional: local servers need none
    assertEquals("false", ads.get("apiKey").getAttribute("required"));
  }
}
