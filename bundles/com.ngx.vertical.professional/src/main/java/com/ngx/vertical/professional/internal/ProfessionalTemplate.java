package com.ngx.vertical.professional.internal;

import com.ngx.api.vertical.VerticalContent;
import com.ngx.api.vertical.VerticalTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * The professional services vertical template (law, accounting and consulting firms), in English
 * and Spanish.
 *
 * <p>The documents are bundle resources ({@code /template/en.json}, {@code /template/es.json}),
 * read once when the component is created; the engine validates them when a tenant creates an agent
 * from the template.
 */
@Component(service = VerticalTemplate.class)
public final class ProfessionalTemplate implements VerticalTemplate {
  static final String TEMPLATE_ID = "professional";
  static final int SCHEMA_VERSION = 1;

  private final Map<String, VerticalContent> contents;

  /** Reads both documents; a missing or unreadable one fails the component's activation. */
  public ProfessionalTemplate() {
    contents = Map.of("en", load("en"), "es", load("es"));
  }

  @Override
  public String templateId() {
    return TEMPLATE_ID;
  }

  /** The document for the primary subtag of {@code language}: {@code es-MX} gives Spanish. */
  @Override
  public Optional<VerticalContent> content(String language) {
    if (language == null) {
      return Optional.empty();
    }
    String primary = language.split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
    return Optional.ofNullable(contents.get(primary));
  }

  private VerticalContent load(String language) {
    String path = "/template/" + language + ".json";
    try (InputStream in = getClass().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing template resource " + path);
      }
      String document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new VerticalContent(
          TopLevelFields.string(document, "name"),
          TopLevelFields.string(document, "description"),
          language,
          SCHEMA_VERSION,
          document);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
