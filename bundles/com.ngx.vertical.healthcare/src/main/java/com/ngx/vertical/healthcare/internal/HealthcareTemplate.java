package com.ngx.vertical.healthcare.internal;

import com.ngx.api.vertical.VerticalContent;
import com.ngx.api.vertical.VerticalTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;

/**
 * The {@code healthcare} vertical template for private clinics and practices, in English and
 * Spanish.
 *
 * <p>The documents are the bundle resources {@code /template/<language>.json}, read once when the
 * component is created. The display name and description are the documents' top-level {@code
 * name} and {@code description} fields, which each document states before any nested object; a
 * small regex reads them, so the bundle needs no JSON library at run time.
 */
@Component(service = VerticalTemplate.class)
public final class HealthcareTemplate implements VerticalTemplate {
  static final String ID = "healthcare";
  static final int SCHEMA_VERSION = 1;
  static final List<String> LANGUAGES = List.of("en", "es");

  private final Map<String, VerticalContent> contents = new LinkedHashMap<>();

  /**
   * Loads the documents of every language.
   *
   * @throws IllegalStateException when a document is missing or lacks its name or description
   */
  public HealthcareTemplate() {
    for (String language : LANGUAGES) {
      String document = read("/template/" + language + ".json");
      contents.put(
          language,
          new VerticalContent(
              field(document, "name"),
              field(document, "description"),
              language,
              SCHEMA_VERSION,
              document));
    }
  }

  @Override
  public String templateId() {
    return ID;
  }

  /** The content for the primary subtag of {@code language}: {@code es-MX} gives Spanish. */
  @Override
  public Optional<VerticalContent> content(String language) {
    if (language == null) {
      return Optional.empty();
    }
    String primary = language.trim().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
    return Optional.ofNullable(contents.get(primary));
  }

  private String read(String resource) {
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing template resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  /** The first string value of {@code key} in {@code json}, unescaped. */
  static String field(String json, String key) {
    Matcher m =
        Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
            .matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("the template has no \"" + key + "\" text");
    }
    return unescape(m.group(1));
  }

  /** Decodes JSON string escapes: the one-letter ones and the four-hex-digit Unicode ones. */
  static String unescape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(e); // \" \\ \/
      }
    }
    return out.toString();
  }
}
