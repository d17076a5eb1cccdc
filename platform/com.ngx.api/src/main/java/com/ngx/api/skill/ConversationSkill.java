package com.ngx.api.skill;

import com.ngx.api.plugin.PluginContext;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A custom module an agent's flow can call by name: booking, a pricing calculator, a product
 * lookup. Register it as an OSGi service from a plugin bundle; one plugin may offer several.
 */
@ConsumerType
public interface ConversationSkill {
  /** The skill's name, unique within its plugin, e.g. {@code quote}: 1–40 of [a-z0-9-]. */
  String name();

  /** Runs the skill for one conversation turn. */
  SkillResult invoke(PluginContext context, SkillRequest request);
}
