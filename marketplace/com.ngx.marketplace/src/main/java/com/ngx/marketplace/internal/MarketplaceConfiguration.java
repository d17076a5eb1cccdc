package com.ngx.marketplace.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The marketplace's node settings (PID {@code com.ngx.marketplace}). */
@ObjectClassDefinition(name = "NGX marketplace", description = "Publishing, certification and plugin runtime")
public @interface MarketplaceConfiguration {
  @AttributeDefinition(description = "Publishers may sign up themselves (then wait for an operator's approval)")
  boolean selfServicePublishers() default false;

  @AttributeDefinition(description = "Publish certified versions at once; false: an operator approves each")
  boolean autoPublish() default true;

  @AttributeDefinition(description = "The publisher's share of a charge, in basis points (8000 = 80%)")
  int publisherShareBasisPoints() default 8000;

  @AttributeDefinition(description = "The longest a plugin call may take, in milliseconds")
  long callTimeoutMillis() default 5000;

  @AttributeDefinition(description = "Consecutive failures after which a plugin is disabled for the tenant")
  int failureThreshold() default 5;

  @AttributeDefinition(description = "Calls one plugin may have running at once (on this node)")
  int pluginConcurrency() default 8;

  @AttributeDefinition(description = "The largest artifact accepted, in bytes")
  long maxArtifactBytes() default 20_971_520;

  @AttributeDefinition(description = "How long a plugin may take to start and report healthy, in seconds")
  int startTimeoutSeconds() default 15;

  @AttributeDefinition(description = "Extra package prefixes plugins may import (besides the public API and the JDK)")
  String[] allowedImports() default {};
}
