package com.ngx.marketplace.internal.certify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ngx.marketplace.internal.certify.ManifestHeader.Clause;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing OSGi headers such as Import-Package: quotes, shared parameters, directives, errors. */
class ManifestHeaderTest {

  static Stream<Arguments> headers() {
    return Stream.of(
        // nothing
        Arguments.of("", List.of()),
        Arguments.of(null, List.of()),
        // one package, no parameters
        Arguments.of("org.slf4j", List.of(new Clause(List.of("org.slf4j"), Map.of(), Map.of()))),
        // a quoted range, with the comma inside the quotes
        Arguments.of(
            "a;version=\"[1.0,2)\",b",
            List.of(
                new Clause(List.of("a"), Map.of("version", "[1.0,2)"), Map.of()),
                new Clause(List.of("b"), Map.of(), Map.of()))),
        // several packages sharing their parameters
        Arguments.of(
            "a;b;c;version=\"[1,2)\"",
            List.of(new Clause(List.of("a", "b", "c"), Map.of("version", "[1,2)"), Map.of()))),
        // a directive, spaces around everything, an unquoted version
        Arguments.of(
            " a ; resolution:=optional ; version = 1.2 ",
            List.of(
                new Clause(
                    List.of("a"), Map.of("version", "1.2"), Map.of("resolution", "optional")))),
        // a typed attribute and a quoted directive
        Arguments.of(
            "a;version:Version=\"1.0\";resolution:=\"optional\"",
            List.of(
                new Clause(
                    List.of("a"), Map.of("version", "1.0"), Map.of("resolution", "optional")))),
        // an escaped quote, a semicolon and a comma inside quotes
        Arguments.of(
            "a;note=\"say \\\"hi\\\"; then, go\";x=1",
            List.of(
                new Clause(
                    List.of("a"), Map.of("note", "say \"hi\"; then, go", "x", "1"), Map.of()))),
        // what bnd writes, wrapped lines already joined by the manifest parser
        Arguments.of(
            "com.ngx.api.plugin;version=\"[1.0,2)\",org.osgi.framework;version=\"[1.10,2)\","
                + "org.slf4j;version=\"[1.7,2)\";resolution:=optional",
            List.of(
                new Clause(List.of("com.ngx.api.plugin"), Map.of("version", "[1.0,2)"), Map.of()),
                new Clause(List.of("org.osgi.framework"), Map.of("version", "[1.10,2)"), Map.of()),
                new Clause(
                    List.of("org.slf4j"),
                    Map.of("version", "[1.7,2)"),
                    Map.of("resolution", "optional")))));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("headers")
  void parses(String header, List<Clause> clauses) {
    assertEquals(clauses, ManifestHeader.parse(header));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        // an unterminated quote
        "a;version=\"[1,2)",
        // an empty clause
        "a,,b",
        "a,",
        // parameters without a package
        "version=1.0",
        // a package after a parameter
        "a;version=1;b",
        // the same attribute twice
        "a;version=1;version=2",
        // text after a closing quote
        "a;version=\"1\"x",
        // a quote in a package name
        "\"a\"",
        // a parameter without a name
        "a;=1"
      })
  void rejects(String header) {
    assertThrows(IllegalArgumentException.class, () -> ManifestHeader.parse(header));
  }
}
