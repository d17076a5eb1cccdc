package com.ngx.agent.internal.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.ngx.agent.internal.Json;
import com.ngx.rest.Validator;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoiModelTest {
  static final JsonNode MODEL = Json.tree("""
      {"currency":"USD",
       "inputs":[{"id":"leads","label":"Leads","default":200,"min":0},
                 {"id":"rate","label":"Conversion","default":0.05,"min":0,"max":1},
                 {"id":"price","label":"Price","default":49.99}],
       "outputs":[{"id":"revenue","label":"Revenue","unit":"money","formula":"leads * rate * price"},
                  {"id":"capped","label":"Capped","unit":"money","formula":"min(leads * price, 1000) - max(0, -5)"},
                  {"id":"perLead","label":"Per lead","unit":"money","formula":"round(price / 3, 3)"},
                  {"id":"safe","label":"Safe","unit":"number","formula":"price / (rate - rate)"}]}""");

  @Test
  void computesExactlyWithDefaultsAndGivenInputs() {
    Map<String, BigDecimal> out = RoiModel.compute(MODEL, Map.of());
    assertEquals(new BigDecimal("499.90"), out.get("revenue"));
    assertEquals(new BigDecimal("1000.00"), out.get("capped"));
    assertEquals(new BigDecimal("16.66"), out.get("perLead"), "16.663 rounded half-even to cents");
    assertEquals(new BigDecimal("0.00"), out.get("safe"), "division by zero gives zero, never an error");
    assertEquals(new BigDecimal("100.00"), RoiModel.compute(MODEL, Map.of("leads", new BigDecimal("40"), "price", new BigDecimal("50"))).get("revenue"));
    // the same inputs always give the same figures
    assertEquals(out, RoiModel.compute(MODEL, Map.of()));
  }

  @Test
  void badInputsNameTheInput() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RoiModel.compute(MODEL, Map.of("rate", new BigDecimal("2"))))
        .getMessage().startsWith("inputs.rate:"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> RoiModel.compute(MODEL, Map.of("nope", BigDecimal.ONE)))
        .getMessage().startsWith("inputs.nope:"));
  }

  @Test
  void formulasAreValidated() {
    Validator v = new Validator();
    RoiModel.validate(Json.tree("""
        {"inputs":[{"id":"a","default":1}],
         "outputs":[{"id":"x","formula":"a * b"},{"id":"y","formula":"sqrt(a, 2)"},{"id":"z","formula":"(a + 1"}]}"""), v);
    assertTrue(v.hasError("roi.outputs[0].formula") && v.hasError("roi.outputs[1].formula") && v.hasError("roi.outputs[2].formula"));
  }
}
