package com.ngx.skill.pricing.internal;

import java.math.BigDecimal;

/**
 * A volume discount: {@code percentOff} from {@code minSeats} seats on.
 *
 * @param minSeats the smallest seat count the discount applies to, at least 1
 * @param percentOff the discount, 0–100
 */
record Tier(int minSeats, BigDecimal percentOff) {}
