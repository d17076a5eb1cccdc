package com.ngx.marketplace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.rest.FieldError;
import com.ngx.rest.ApiException;
import com.ngx.rest.Validator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

  @ParameterizedTest
  @CsvSource({
    // an even split
    "1000, 8000, 800",
    // 999 × 0.8 = 799.2 → 799 (the platform gets 200)
    "999, 8000, 799",
    // 0.5 rounds to even: 5 × 0.7 = 3.5 → 4; 15 × 0.5 = 7.5 → 8; 25 × 0.5 = 12.5 → 12
    "5, 7000, 4",
    "15, 5000, 8",
    "25, 5000, 12",
    // refunds are negative and mirror the charge
    "-999, 8000, -799",
    // all to the platform, all to the publisher
    "1234, 0, 0",
    "1234, 10000, 1234",
  })
  void thePublisherPartIsRoundedHalfEvenAndThePlatformGetsTheRest(long amount, int bp, long publisher) {
    assertEquals(publisher, Ledger.publisherPart(amount, bp));
  }

  @ParameterizedTest
  @CsvSource({
    // model, price, currency, unit, trial → minor units, normalized model
    "monthly, 9.99, USD, '', 0, 999, monthly",
    "ONE_OFF, 120, EUR, '', 14, 12000, one-off",
    "per-usage, 0.05, USD, lead, 0, 5, per-usage",
    // yen has no minor unit; dinar has three
    "monthly, 500, JPY, '', 0, 500, monthly",
    "monthly, 1.234, BHD, '', 0, 1234, monthly",
    "free, '', '', '', 30, 0, free",
  })
  void pricesBecomeExactMinorUnits(
      String model, String price, String currency, String unit, int trial, long minor, String normalized) {
    Validator v = new Validator();
    Pricing p = Pricing.of(v, model, price.isEmpty() ? null : price, null, currency.isEmpty() ? null : currency,
        unit.isEmpty() ? null : unit, trial);
    v.throwIfInvalid();
    assertEquals(minor, p.amountMinor());
    assertEquals(normalized, p.model());
    assertEquals(normalized.equals("free") ? 0 : trial, p.trialDays());
  }

  @ParameterizedTest
  @CsvSource({
    // an unknown model
    "gold, 1, USD, '', pricing.model",
    // more decimals than the currency has
    "monthly, 9.999, USD, '', pricing.price",
    "monthly, 1.5, JPY, '', pricing.price",
    // not a number, not positive
    "monthly, lots, USD, '', pricing.price",
    "monthly, 0, USD, '', pricing.price",
    // a paid model without a price
    "one-off, '', USD, '', pricing.price",
    // not a currency
    "monthly, 1, XXXX, '', pricing.currency",
    // per-usage needs a unit
    "per-usage, 1, USD, '', pricing.unit",
  })
  void badPricingNamesTheField(String model, String price, String currency, String unit, String field) {
    Validator v = new Validator();
    Pricing.of(v, model, price.isEmpty() ? null : price, null, currency, unit.isEmpty() ? null : unit, null);
    ApiException e = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class, v::throwIfInvalid);
    assertTrue(e.errors().stream().map(FieldError::field).anyMatch(field::equals), e.errors().toString());
  }

  @Test
  void statementsSumPerCurrencyAndCsvShowsDecimals() {
    Ledger.Entry usd = entry(999, "USD", 799);
    Ledger.Entry refund = entry(-999, "USD", -799);
    Ledger.Entry eur = entry(500, "EUR", 400);
    Ledger.AccruedStatement s =
        new Ledger.AccruedStatement(java.util.UUID.randomUUID(), "2026-11", List.of(usd, refund, eur), List.of());
    String csv = Ledger.csv(s);
    assertTrue(csv.contains(",9.99,USD,8000,7.99,2.00\r\n"), csv);
    assertTrue(csv.contains(",-9.99,USD,8000,-7.99,-2.00\r\n"), csv);
    assertEquals(4, csv.split("\r\n").length);
  }

  @ParameterizedTest
  @CsvSource({
    "1.0.0, 1.0.1",
    "1.9.0, 1.10.0",
    "1.0.0.beta, 1.0.0.rc",
    "0.9.9, 10.0.0",
  })
  void versionSortKeysOrderLikeVersions(String lower, String higher) {
    assertTrue(Versions.sortKey(lower).compareTo(Versions.sortKey(higher)) < 0);
  }

  private static Ledger.Entry entry(long amount, String currency, long publisher) {
    return new Ledger.Entry(java.util.UUID.randomUUID(), java.time.Instant.parse("2026-11-02T10:00:00Z"), "2026-11",
        amount < 0 ? "refund" : "charge", java.util.UUID.randomUUID(), java.util.UUID.randomUUID(), null, "Acme \"Pro\"",
        1, Math.abs(amount), amount, currency, 8000, publisher, amount - publisher);
  }
}
