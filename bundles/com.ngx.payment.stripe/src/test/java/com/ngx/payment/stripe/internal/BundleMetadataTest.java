package com.ngx.payment.stripe.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * headers the platform reads, an Import-Package with nothing but the public API, OSGi and the JDK
 * (stripe-java and gson are inside), the component and the settings definition.
 */
class BundleMetadataTest {
  /**
   * What the bundle may import besides {@code java.*}: the public API, OSGi, and the JDK's
   * {@code javax.crypto} (webhook HMACs; stripe-java's too).
   */
  static final List<String> ALLOWED = List.of("com.ngx.api", "org.osgi", "javax.crypto");

  private static ClassLoader loader() {
    return BundleMetadataTest.class.getClassLoader();
  }

  private static Attributes manifest() throws Exception {
    for (URL url : Collections.list(loader().getResources("META-INF/MANIFEST.MF"))) {
      try (InputStream in = url.openStream()) {
        Attributes main = new Manifest(in).getMainAttributes();
        if ("com.ngx.payment.stripe".equals(main.getValue("Bundle-SymbolicName"))) {
          return main;
        }
      }
    }
    throw new AssertionError("no manifest of com.ngx.payment.stripe on the class path");
  }

  private static Document xml(String resource) throws Exception {
    try (InputStream in = loader().getResourceAsStream(resource)) {
      assertNotNull(in, "no " + resource);
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      return f.newDocumentBuilder().parse(in);
    }
  }

  @Test
  void pluginHeaders() throws Exception {
    Attributes m = manifest();
    assertEquals("stripe", m.getValue("NGX-Plugin-Id"));
    assertEquals("Stripe payments", m.getValue("NGX-Plugin-Name"));
    assertEquals("integration", m.getValue("NGX-Plugin-Category"));
    assertEquals("NGX Labs", m.getValue("NGX-Plugin-Publisher"));
    assertEquals("2", m.getValue("Bundle-ManifestVersion"));
    // a plugin exports nothing, keeps nothing per tenant, and embeds by copying classes in
    for (String absent :
        new String[] {
          "Export-Package", "Fragment-Host", "Require-Bundle", "DynamicImport-Package",
          "Bundle-NativeCode", "Bundle-ClassPath", "NGX-Plugin-Data"
        }) {
      assertNull(m.getValue(absent), absent);
    }
  }

  @Test
  void importsOnlyTheApiOsgiAndTheJdk() throws Exception {
    String imports = manifest().getValue("Import-Package");
    for (String clause : imports.split(",(?=[a-z])")) {
      String pkg = clause.split(";")[0];
      boolean java = pkg.startsWith("java.");
      boolean allowed =
          java || ALLOWED.stream().anyMatch(p -> pkg.equals(p) || pkg.startsWith(p + "."));
      assertTrue(allowed, pkg + " in " + imports);
      if (pkg.startsWith("com.ngx.api")) {
        assertTrue(clause.contains("version=\"["), "no version range on " + clause);
      }
    }
    assertTrue(imports.contains("com.ngx.api.payment;version=\"[1.1,2)\""), imports);
  }

  @Test
  void stripeJavaAndGsonAreInside() throws Exception {
    String privatePackages = manifest().getValue("Private-Package");
    for (String pkg : new String[] {"com.stripe", "com.stripe.net", "com.google.gson"}) {
      assertTrue(("," + privatePackages + ",").contains("," + pkg + ","), pkg);
    }
    // target/classes, next to target/test-classes: bnd copied the classes there
    Path own =
        Path.of(
                BundleMetadataTest.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI())
            .resolveSibling("classes");
    assertTrue(Files.exists(own.resolve("com/stripe/StripeClient.class")), own.toString());
    assertTrue(Files.exists(own.resolve("com/google/gson/Gson.class")), own.toString());
  }

  @Test
  void oneComponentOfferingAllFourServices() throws Exception {
    Document doc = xml("OSGI-INF/com.ngx.payment.stripe.internal.StripePaymentProvider.xml");
    Element component = (Element) doc.getDocumentElement();
    assertEquals("stripe", component.getAttribute("configuration-pid"));
    // optional: the settings arrive with each call, no Config Admin configuration is needed
    assertTrue(
        component.getAttribute("configuration-policy").isEmpty()
            || component.getAttribute("configuration-policy").equals("optional"));
    List<String> services = new ArrayList<>();
    NodeList provides = doc.getElementsByTagName("provide");
    for (int i = 0; i < provides.getLength(); i++) {
      services.add(((Element) provides.item(i)).getAttribute("interface"));
    }
    Collections.sort(services);
    assertEquals(
        List.of(
            "com.ngx.api.payment.PaymentAccounts",
            "com.ngx.api.payment.PaymentProvider",
            "com.ngx.api.payment.PaymentRefunds",
            "com.ngx.api.payment.PaymentWebhooks"),
        services);
  }

  @Test
  void settingsDefinition() throws Exception {
    Document doc = xml("OSGI-INF/metatype/stripe.xml");
    Element ocd = (Element) doc.getElementsByTagName("OCD").item(0);
    assertEquals("stripe", ocd.getAttribute("id"));
    Element designate = (Element) doc.getElementsByTagName("Designate").item(0);
    assertEquals("stripe", designate.getAttribute("pid"));

    Map<String, Element> ads = new LinkedHashMap<>();
    NodeList list = ocd.getElementsByTagName("AD");
    for (int i = 0; i < list.getLength(); i++) {
      Element ad = (Element) list.item(i);
      ads.put(ad.getAttribute("id"), ad);
    }
    assertEquals(
        List.of("apiKey", "webhookSecret", "apiBase", "toleranceSeconds", "timeoutSeconds"),
        new ArrayList<>(ads.keySet()));
    // each case: attribute, type, default, min, max, required ("" = the default, true)
    String[][] cases = {
      {"apiKey", "Password", "", "", "", ""},
      {"webhookSecret", "Password", "", "", "", "false"},
      {"apiBase", "String", "https://api.stripe.com", "", "", ""},
      {"toleranceSeconds", "Integer", "300", "1", "3600", ""},
      {"timeoutSeconds", "Integer", "20", "1", "120", ""},
    };
    for (String[] c : cases) {
      Element ad = ads.get(c[0]);
      assertEquals(c[1], ad.getAttribute("type"), c[0]);
      assertEquals(c[2], ad.getAttribute("default"), c[0]);
      assertEquals(c[3], ad.getAttribute("min"), c[0]);
      assertEquals(c[4], ad.getAttribute("max"), c[0]);
      assertEquals(c[5], ad.getAttribute("required"), c[0]);
    }
  }
}
