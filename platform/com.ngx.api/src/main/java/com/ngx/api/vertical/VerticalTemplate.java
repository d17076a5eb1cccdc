package com.ngx.api.vertical;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Industry content from which a tenant creates agents: flows, response templates, an objection
 * library, a playbook, compliance rules, an ROI model and success metrics.
 *
 * <p>Templates are data: the content is a JSON document in the platform's documented template
 * schema (see the publisher guide), which the agent engine validates when a tenant creates an
 * agent from it. One plugin may offer several templates.
 */
@ConsumerType
public interface VerticalTemplate {
  /** The template's id, unique within its plugin, e.g. {@code fitness}: 1–40 of [a-z0-9-]. */
  String templateId();

  /** The content in {@code language} (an IETF tag such as {@code en}), if the template has it. */
  Optional<VerticalContent> content(String language);
}
