package com.ngx.agent.internal.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.agent.internal.model.Definition.SlotDef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlotsTest {

  static Optional<Slots.Captured> extract(String slot, String text, boolean expected) {
    return Slots.extract(slot, Slots.typeOf(slot, null), null, text, expected);
  }

  static String value(String slot, String text, boolean expected) {
    return extract(slot, text, expected).map(Slots.Captured::value).orElse(null);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "email|reach me at Ana.Lopez+sales@Example.co.uk please|ana.lopez+sales@example.co.uk",
      "phone|call me on +34 612 34 56 78|+34612345678",
      "phone|my number is (555) 123-4567|5551234567",
      "budget|around $300 a month|300",
      "budget|unos 300 dólares al mes|300",
      "budget|we could spend 2.5k USD|2500",
      "budget|about 1,500 euros|1500",
      "budget|1.500 € al mes|1500",
      "timeline|in two weeks|14",
      "timeline|en dos semanas|14",
      "timeline|next month|60",
      "timeline|lo antes posible|0",
      "timeline|within 3 months|90",
      "company_size|we are about 45 people|45",
      "company_size|somos 12 empleados|12",
      "role|I'm the owner, I decide|decision_maker",
      "role|soy el dueño y decido yo|decision_maker",
      "role|my boss has the final say|influencer",
      "name|my name is laura gómez|Laura Gómez",
      "name|me llamo Pedro|Pedro",
  })
  void extractsMarkedValuesInBothLanguages(String slot, String text, String expected) {
    assertEquals(expected, value(slot, text, false), text);
  }

  @Test
  void bareAnswersCountOnlyWhenTheSlotWasAsked() {
    assertEquals("Laura Gómez", value("name", "Laura Gómez", true));
    assertEquals(null, value("name", "Laura Gómez", false));
    assertEquals(null, value("name", "yes", true), "an affirmation is no name");
    assertEquals(null, value("name", "I'm ready", false), "'I'm …' is a name only when the name was asked for");
    assertEquals("Acme Labs", value("company", "Acme Labs", true));
    assertEquals("Acme", value("company", "I work at Acme", false));
    assertEquals("300", value("budget", "300", true));
    assertEquals(null, value("budget", "300", false), "a bare number is a budget only when asked");
    assertEquals(null, value("email", "not an email @ all", true));
  }

  @Test
  void confidenceReflectsHowClearTheAnswerWas() {
    double marked = extract("role", "I'm the CEO", true).orElseThrow().confidence();
    double vague = extract("role", "it depends", true).orElseThrow().confidence();
    assertTrue(marked > vague);
    assertEquals("undecided", value("timeline", "not sure yet, just looking", true));
  }

  @Test
  void customSlotsUseTheirDefinition() {
    SlotDef goal = new SlotDef("goal", "enum", Map.of("lose_weight", List.of("slim down", "perder peso"), "strength", List.of("get stronger")),
        null, null, null);
    assertEquals("lose_weight", Slots.extract("goal", "enum", goal, "I'd really like to slim down", true).orElseThrow().value());
    assertEquals("lose_weight", Slots.extract("goal", "enum", goal, "quiero perder peso", true).orElseThrow().value());
    assertTrue(Slots.extract("goal", "enum", goal, "no idea", true).isEmpty());
    SlotDef seats = new SlotDef("seats", "number", Map.of(), null, java.math.BigDecimal.ONE, java.math.BigDecimal.TEN);
    assertEquals("5", Slots.extract("seats", "number", seats, "5 seats", true).orElseThrow().value());
    assertTrue(Slots.extract("seats", "number", seats, "50", true).isEmpty(), "out of range");
    SlotDef order = new SlotDef("order", "pattern", Map.of(), "ORD-\\d{5}", null, null);
    assertEquals("ORD-12345", Slots.extract("order", "pattern", order, "it's ORD-12345 thanks", false).orElseThrow().value());
  }
}
