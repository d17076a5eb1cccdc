package com.ngx.marketplace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.rest.ApiException;
import com.ngx.rest.FieldError;
import com.ngx.rest.Validator;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

class SettingsSchemaTest {

  /** An attribute as Felix Metatype would describe it. */
  record Ad(String id, int type, int cardinality, String[] defaults, String[] options) implements AttributeDefinition {
    @Override public String getName() { return id; }
    @Override public String getID() { return id; }
    @Override public String getDescription() { return "the " + id; }
    @Override public int getCardinality() { return cardinality; }
    @Override public int getType() { return type; }
    @Override public String[] getOptionValues() { return options; }
    @Override public String[] getOptionLabels() { return options; }
    @Override public String validate(String value) { return null; }
    @Override public String[] getDefaultValue() { return defaults; }
  }

  record Ocd(List<AttributeDefinition> all) implements ObjectClassDefinition {
    @Override public String getName() { return "webhook"; }
    @Override public String getID() { return "webhook-lead-sink"; }
    @Override public String getDescription() { return ""; }
    @Override public AttributeDefinition[] getAttributeDefinitions(int filter) {
      return filter == OPTIONAL ? new AttributeDefinition[0] : all.toArray(new AttributeDefinition[0]);
    }
    @Override public InputStream getIcon(int size) { return null; }
  }

  private final SettingsSchema schema =
      SettingsSchema.of(
          new Ocd(
              List.of(
                  new Ad("url", AttributeDefinition.STRING, 0, null, null),
                  new Ad("secret", AttributeDefinition.PASSWORD, 0, null, null),
                  new Ad("timeoutSeconds", AttributeDefinition.INTEGER, 0, new String[] {"5"}, null),
                  new Ad("mode", AttributeDefinition.STRING, 0, new String[] {"json"}, new String[] {"json", "form"}),
                  new Ad("tags", AttributeDefinition.STRING, 10, null, null),
                  new Ad("verbose", AttributeDefinition.BOOLEAN, 0, new String[] {"false"}, null))));

  @ParameterizedTest
  @CsvSource({
    // a setting the plugin does not have
    "colour, '\"red\"', settings.colour",
    // wrong types
    "url, 42, settings.url",
    "timeoutSeconds, '\"soon\"', settings.timeoutSeconds",
    "verbose, '\"maybe\"', settings.verbose",
    // out of an integer's range
    "timeoutSeconds, 99999999999, settings.timeoutSeconds",
    // not one of the options
    "mode, '\"xml\"', settings.mode",
    // a list where one value is wanted, and a single value where a list is
    "tags, '\"one\"', settings.tags",
  })
  void badValuesNameTheSetting(String key, String json, String field) throws Exception {
    Object value = new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Object.class);
    Validator v = new Validator();
    schema.validate(Map.of(key, value), Map.of(), v);
    ApiException e = assertThrows(ApiException.class, v::throwIfInvalid);
    assertEquals(field, e.errors().stream().map(FieldError::field).findFirst().orElseThrow());
  }

  @Test
  void valuesAreTypedDefaultsFilledAndPasswordsMasked() {
    Validator v = new Validator();
    Map<String, Object> stored =
        schema.validate(
            Map.of("url", "https://crm.example/leads", "secret", "s3cret", "timeoutSeconds", "7",
                "tags", List.of("a", "b")),
            Map.of(), v);
    v.throwIfInvalid();
    Map<String, Object> effective = schema.effective(stored);
    assertEquals(7, effective.get("timeoutSeconds"));
    assertEquals("json", effective.get("mode"));
    assertEquals(false, effective.get("verbose"));
    assertEquals(List.of("a", "b"), effective.get("tags"));
    assertEquals(SettingsSchema.MASK, schema.masked(stored).get("secret"));
    assertEquals("s3cret", effective.get("secret"));
    // sending the mask back keeps the secret; null removes a value
    Map<String, Object> again = new LinkedHashMap<>();
    again.put("secret", SettingsSchema.MASK);
    again.put("tags", null);
    Map<String, Object> updated = schema.validate(again, stored, new Validator());
    assertEquals("s3cret", updated.get("secret"));
    assertTrue(!updated.containsKey("tags"));
  }

  @Test
  void requiredSettingsWithoutDefaultsAreMissingUntilGiven() {
    assertEquals(List.of("url", "secret", "tags"), schema.missing(Map.of()));
    assertEquals(List.of("tags"), schema.missing(Map.of("url", "u", "secret", "s")));
  }
}
