package com.ngx.vertical.realestate.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.ngx.api.vertical.VerticalContent;
import com.ngx.api.vertical.VerticalTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * The real estate vertical template, in English and Spanish.
 *
 * <p>The content is data: {@code /template/<language>.json} in this bundle, in the template schema
 * of {@code docs/agent-definition.md}. Both documents are read once, when the component is
 * created; the display name and description come from the documents' top-level {@code name} and
 * {@code description}.
 */
@Component(service = VerticalTemplate.class)
public final class RealEstateTemplate implements VerticalTemplate {
  static final String ID = "realestate";
  static final int SCHEMA_VERSION = 1;

  private final Map<String, VerticalContent> contents;

  /**
   * Reads the documents of both languages.
   *
   * @throws IllegalStateException when a document is missing or has no name or description (a
   *     packaging error: the component then does not activate)
   */
  public RealEstateTemplate() {
    contents = Map.of("en", load("en"), "es", load("es"));
  }

  @Override
  public String templateId() {
    return ID;
  }

  /** The document for the primary subtag of {@code language}: {@code es-MX} gets {@code es}. */
  @Override
  public Optional<VerticalContent> content(String language) {
    return Optional.ofNullable(contents.get(primarySubtag(language)));
  }

  /** {@code es} for {@code es-MX}, {@code ES_es} or {@code es}; empty for null. */
  static String primarySubtag(String languageTag) {
    if (languageTag == null) {
      return "";
    }
    return languageTag.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
  }

  private VerticalContent load(String language) {
    String resource = "/template/" + language + ".json";
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing template document " + resource);
      }
      String json = new String(in.readAllBytes(), UTF_8);
      Map<String, String> fields = TopLevelStrings.read(json);
      return new VerticalContent(
          required(fields, "name", resource),
          required(fields, "description", resource),
          language,
          SCHEMA_VERSION,
          json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static String required(Map<String, String> fields, String name, String resource) {
    String value = fields.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(resource + " has no top-level \"" + name + "\"");
    }
    return value;
  }
}
