package com.ngx.billing.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A tenant's subscription as the API shows it.
 *
 * @param currentPeriodEnd when the current period (or the trial) ends and the next charge is due
 */
public record SubscriptionView(
    UUID tenantId,
    String plan,
    int planVersion,
    String planName,
    String status,
    Instant trialEnd,
    LocalDate currentPeriodStart,
    LocalDate currentPeriodEnd,
    String nextPlan,
    boolean cancelAtPeriodEnd,
    Long priceOverrideMinor,
    Instant startedAt,
    Instant suspendedAt,
    Instant cancelledAt,
    String currency,
    long creditBalanceMinor,
    String provider,
    String paymentMethod) {}
