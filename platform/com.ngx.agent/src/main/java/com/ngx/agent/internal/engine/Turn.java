package com.ngx.agent.internal.engine;

import com.ngx.agent.internal.knowledge.KnowledgeIndex.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one turn produced: the reply and everything that explains it (the simulator's trace). */
public final class Turn {
  /** A detected label and its score. */
  public record Detected(String name, double score) {}

  /** A call to action offered in the reply. */
  public record Cta(String action, String url, String label) {}

  /** Something other parts must learn of (after commit): qualified, conversion, handoff. */
  public record Event(String type, Map<String, String> data) {}

  public final List<String> replies = new ArrayList<>();
  public final List<String> path = new ArrayList<>();
  public final List<Source> sources = new ArrayList<>();
  public final List<String> compliance = new ArrayList<>();
  public final Map<String, String> captured = new LinkedHashMap<>();
  public final List<Event> events = new ArrayList<>();
  public List<Detected> intents = List.of();
  public Detected intent;
  public Detected objection;
  public Cta cta;

  /** The reply as one text. */
  public String reply() {
    return String.join("\n\n", replies);
  }
}
