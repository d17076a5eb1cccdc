package com.ngx.agent.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.agent.internal.model.Definition.Variant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExperimentsTest {
  static final List<Variant> VARIANTS = List.of(new Variant("a", 80, "x", null), new Variant("b", 20, "y", null));

  @Test
  void assignmentIsDeterministicAndFollowsTheWeights() {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 5000; i++) {
      String id = UUID.nameUUIDFromBytes(("c" + i).getBytes()).toString();
      Variant v = Experiments.pick(id, "exp", VARIANTS);
      assertEquals(v, Experiments.pick(id, "exp", VARIANTS));
      counts.merge(v.id(), 1, Integer::sum);
    }
    double a = counts.get("a") / 5000.0;
    assertTrue(a > 0.77 && a < 0.83, "share of a: " + a);
  }

  @Test
  void experimentsAreIndependent() {
    int same = 0;
    List<Variant> even = List.of(new Variant("a", 1, null, "n"), new Variant("b", 1, null, "n"));
    for (int i = 0; i < 2000; i++) {
      String id = "conv-" + i;
      if (Experiments.pick(id, "e1", even).id().equals(Experiments.pick(id, "e2", even).id())) {
        same++;
      }
    }
    assertTrue(same > 850 && same < 1150, "correlated assignment: " + same);
  }
}
