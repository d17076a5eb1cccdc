package com.ngx.agent.internal.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a conversation is: stored as JSON with the conversation after every turn. Public fields
 * for Jackson; only the engine changes it.
 */
public final class ConversationState {
  /** The node the conversation waits at (or ended at). */
  public String node;

  /** active, ended or handed_off. */
  public String status = "active";

  /** Captured slots. */
  public Map<String, SlotValue> slots = new LinkedHashMap<>();

  /** Flow variables. */
  public Map<String, String> vars = new LinkedHashMap<>();

  /** Experiment → variant. */
  public Map<String, String> assignments = new LinkedHashMap<>();

  /** Whether the prospect consented to storing contact data (null: not asked yet). */
  public Boolean consent;

  /** The question waiting for consent to be asked, while the consent question is pending. */
  public String awaitingConsentFor;

  /** Notices already shown. */
  public Map<String, Boolean> notices = new LinkedHashMap<>();

  /** Reprompts of the current question so far. */
  public int retries;

  /** The scorecard (BANT by default): field → what fills it and the points it gives. */
  public Map<String, ScoreField> scorecard = new LinkedHashMap<>();

  /** The lead score, 0–100. */
  public int score;

  /** Whether the lead reached the qualification threshold. */
  public boolean qualified;

  /** Whether the call to action was taken. */
  public boolean converted;

  /** Messages stored so far (prospect's and agent's). */
  public int messages;

  /** The last detected intent and objection. */
  public String lastIntent;

  public String lastObjection;

  /**
   * One scorecard field.
   *
   * @param slot the slot that fills it
   * @param weight its weight (points when fully confident)
   * @param points the points it gives now (weight × the slot's confidence)
   */
  public record ScoreField(String slot, int weight, double points) {}

  /**
   * A captured slot with the prospect's own words.
   *
   * @param value normalised value
   * @param display how it is said back
   * @param confidence 0–1
   * @param words the prospect's message it came from
   */
  public record SlotValue(String value, String display, double confidence, String words) {}
}
