package com.ngx.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Who may call a resource method (or every method of a resource class).
 *
 * <p>A method without this annotation, on a class without it, is for operators only: the API
 * fails closed. Tenant callers are always also checked for an active tenant and their rate limit.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Access {

  /** {@link #scope()} value that admits a tenant key with any scope. */
  String ANY_SCOPE = "*any*";

  /** No key needed (health, OpenAPI). */
  boolean anonymous() default false;

  /** Operator keys are admitted. */
  boolean operator() default false;

  /** Publisher keys are admitted (the resource checks which publisher's data is touched). */
  boolean publisher() default false;

  /** Whether partner keys (resellers that own client tenants) may call. */
  boolean partner() default false;

  /**
   * Tenant keys holding this scope are admitted ({@code ""}: tenant keys are not admitted).
   * Scopes read {@code area:read} or {@code area:write}; a key with {@code *} holds every scope.
   */
  String scope() default "";
}
