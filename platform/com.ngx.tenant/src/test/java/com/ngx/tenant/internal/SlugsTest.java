package com.ngx.tenant.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SlugsTest {

  private static final String LENGTH = "must be 3 to 40 characters long";
  private static final String SHAPE =
      "must be lowercase letters, digits and single hyphens, starting with a letter and"
          + " not ending with a hyphen";

  @ParameterizedTest
  @CsvSource({
    // the shortest allowed
    "abc",
    // letters and digits
    "acme2024",
    // single hyphens between letters or digits
    "acme-corp",
    "a-1-b",
    // a digit at the end
    "shop9",
    // a reserved word inside a longer slug is fine
    "admin-tools",
    "www2",
  })
  void acceptsValidSlugs(String slug) {
    assertNull(Slugs.problem(slug));
  }

  @Test
  void acceptsExactlyFortyCharacters() {
    String forty = "a" + "b".repeat(39);
    assertEquals(40, forty.length());

    assertNull(Slugs.problem(forty));
  }

  @Test
  void rejectsFortyOneCharacters() {
    assertEquals(LENGTH, Slugs.problem("a" + "b".repeat(40)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // absent or empty
        "NULL       | is required",
        "''         | is required",
        // too short
        "ab         | must be 3 to 40 characters long",
        "a          | must be 3 to 40 characters long",
        // upper case
        "Acme       | " + SHAPE,
        // starts with a digit (schema names cannot)
        "1acme      | " + SHAPE,
        // starts with a hyphen
        "-acme      | " + SHAPE,
        // ends with a hyphen
        "acme-      | " + SHAPE,
        // a double hyphen
        "acme--corp | " + SHAPE,
        // underscore (would collide with the hyphen in the schema name)
        "acme_corp  | " + SHAPE,
        // a dot, a space, non-ASCII
        "acme.corp  | " + SHAPE,
        "'acme corp'| " + SHAPE,
        "acmé       | " + SHAPE,
        // the platform's own subdomains
        "www        | is reserved",
        "api        | is reserved",
        "admin      | is reserved",
        "operator   | is reserved",
        "system     | is reserved",
      },
      nullValues = "NULL")
  void rejectsInvalidSlugsSayingWhy(String slug, String problem) {
    assertEquals(problem, Slugs.problem(slug));
  }

  static java.util.stream.Stream<String> reserved() {
    return Slugs.RESERVED.stream();
  }

  @ParameterizedTest
  @MethodSource("reserved")
  void everyReservedWordIsRefusedAsReserved(String word) {
    assertEquals("is reserved", Slugs.problem(word));
  }

  @ParameterizedTest
  @CsvSource({
    "acme, t_acme",
    "acme-corp, t_acme_corp",
    "a-1-b, t_a_1_b",
  })
  void schemaOfPrefixesAndReplacesHyphens(String slug, String schema) {
    assertEquals(schema, Slugs.schemaOf(slug));
  }

  @Test
  void theLongestSlugGivesAValidSchemaName() {
    String schema = Slugs.schemaOf("a" + "-b".repeat(19) + "c");

    // PostgreSQL truncates identifiers beyond 63 bytes; SchemaManager accepts [a-z][a-z0-9_]{0,62}
    assertEquals(42, schema.length());
    assertEquals(true, schema.matches("[a-z][a-z0-9_]{0,62}"));
  }
}
