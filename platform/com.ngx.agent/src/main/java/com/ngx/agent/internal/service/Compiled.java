package com.ngx.agent.internal.service;

import com.ngx.agent.internal.model.Definition;
import com.ngx.agent.internal.nlu.Understanding;

/**
 * An agent version ready to run: its definition and its understanding (embedded examples).
 *
 * @param version the published version, or 0 for the draft
 */
public record Compiled(String agentId, int version, Definition definition, Understanding understanding) {}
