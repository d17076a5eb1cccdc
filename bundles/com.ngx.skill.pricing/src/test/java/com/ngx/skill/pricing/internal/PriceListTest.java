package com.ngx.skill.pricing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PriceListTest {

  static PriceList prices(String currency, long unitMinor, String tiers, int annualPercent) {
    Map<String, Object> s = new HashMap<>();
    s.put("currency", currency);
    s.put("unitPriceMinor", unitMinor);
    s.put("volumeDiscounts", tiers);
    s.put("annualDiscountPercent", annualPercent);
    return PriceList.of(s);
  }

  @ParameterizedTest(name = "{0} {1} [{2}] {3}% x{4}")
  @CsvSource(
      delimiter = '|',
      value = {
        // currency | unit minor | tiers | annual % | seats | unit | volume % | monthly | annual
        // the default price list, below, at and above every tier boundary
        "USD | 4900 | 10:5,50:10,200:15 | 15 | 1       | 49.00 | 0  | 49.00       | 499.80",
        "USD | 4900 | 10:5,50:10,200:15 | 15 | 9       | 49.00 | 0  | 441.00      | 4498.20",
        "USD | 4900 | 10:5,50:10,200:15 | 15 | 10      | 49.00 | 5  | 465.50      | 4748.10",
        "USD | 4900 | 10:5,50:10,200:15 | 15 | 25      | 49.00 | 5  | 1163.75     | 11870.25",
        "USD | 4900 | 10:5,50:10,200:15 | 15 | 49      | 49.00 | 5  | 2280.95     | 23265.69",
        "USD | 4900 | 10:5,50:10,200:15 | 15 | 50      | 49.00 | 10 | 2205.00     | 22491.00",
        "USD | 4900 | 10:5,50:10,200:15 | 15 | 199     | 49.00 | 10 | 8775.90     | 89514.18",
        "USD | 4900 | 10:5,50:10,200:15 | 15 | 200     | 49.00 | 15 | 8330.00     | 84966.00",
        "USD | 4900 | 10:5,50:10,200:15 | 15 | 1000000 | 49.00 | 15 | 41650000.00 | 424830000.00",
        // half-even: 2.385 rounds down to the even 2.38 (half-up would give 2.39) ...
        "USD | 265  | 1:10              | 15 | 1       | 2.65  | 10 | 2.38        | 24.28",
        // ... and 2.475 up to the even 2.48
        "USD | 275  | 1:10              | 15 | 1       | 2.75  | 10 | 2.48        | 25.30",
        // a fractional volume discount, no annual discount
        "EUR | 999  | 1:2.5             | 0  | 3       | 9.99  | 2.5 | 29.22      | 350.64",
        // no tiers at all
        "USD | 4900 | ''                | 0  | 7       | 49.00 | 0  | 343.00      | 4116.00",
        // annual billing free (100% off)
        "USD | 4900 | 10:5              | 100 | 10     | 49.00 | 5  | 465.50      | 0.00",
        // JPY has no minor unit: 4900 minor units are 4900 yen
        "JPY | 4900 | 10:5,50:10,200:15 | 15 | 10      | 4900  | 5  | 46550       | 474810",
        // 4414.5 yen rounds to the even 4414, 4423.5 to the even 4424
        "JPY | 4905 | 1:10              | 15 | 1       | 4905  | 10 | 4414        | 45023",
        "JPY | 4915 | 1:10              | 15 | 1       | 4915  | 10 | 4424        | 45125",
        // BHD has three: 4900 minor units are 4.900 dinars
        "BHD | 4900 | 10:5,50:10,200:15 | 15 | 1       | 4.900 | 0  | 4.900       | 49.980",
        // 1.1385 dinars round to the even 1.138
        "BHD | 1265 | 1:10              | 15 | 1       | 1.265 | 10 | 1.138       | 11.608",
      })
  void quotes(
      String currency,
      long unitMinor,
      String tiers,
      int annualPercent,
      int seats,
      String unit,
      String volume,
      String monthly,
      String annual) {
    Quote q = prices(currency, unitMinor, tiers, annualPercent).quote(seats);
    assertEquals(currency, q.currency().getCurrencyCode());
    assertEquals(unit, q.unitPrice().toPlainString());
    assertEquals(volume, q.discountPercent().toPlainString());
    assertEquals(monthly, q.monthly().toPlainString());
    assertEquals(annual, q.annual().toPlainString());
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      value = {
        // text | tiers as minimum:percent
        "10:5,50:10,200:15 | 10:5 50:10 200:15",
        // spaces are allowed around every part
        "' 10 : 5 , 50:10 ' | 10:5 50:10",
        // decimals, and a 0% tier
        "1:0,5:2.5 | 1:0 5:2.5",
        "'' | ''",
        "'  ' | ''",
      })
  void parsesTiers(String text, String expected) {
    StringBuilder got = new StringBuilder();
    for (Tier t : PriceList.parseTiers(text)) {
      got.append(got.length() == 0 ? "" : " ")
          .append(t.minSeats())
          .append(':')
          .append(t.percentOff().toPlainString());
    }
    assertEquals(expected, got.toString());
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      value = {
        // text | the message
        "10 | volumeDiscounts: '10': expected minimum seats:percent off (e.g. 10:5,50:10)",
        "10:5:1 | volumeDiscounts: '10:5:1': expected minimum seats:percent off (e.g. 10:5,50:10)",
        "ten:5 | volumeDiscounts: 'ten:5': expected minimum seats:percent off (e.g. 10:5,50:10)",
        "10:5, | volumeDiscounts: '': expected minimum seats:percent off (e.g. 10:5,50:10)",
        "0:5 | volumeDiscounts: '0:5': minimum seats must be at least 1 (e.g. 10:5,50:10)",
        "10:-1 | volumeDiscounts: '10:-1': percent off must be from 0 to 100 (e.g. 10:5,50:10)",
        "10:101 | volumeDiscounts: '10:101': percent off must be from 0 to 100 (e.g. 10:5,50:10)",
        "50:10,10:5 | volumeDiscounts: '10:5': minimum seats must increase (e.g. 10:5,50:10)",
        "10:5,10:6 | volumeDiscounts: '10:6': minimum seats must increase (e.g. 10:5,50:10)",
      })
  void rejectsBadTiers(String text, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PriceList.parseTiers(text));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // setting | value | the message
        "currency | EURO | currency must be an ISO 4217 code such as USD",
        "currency | XAU | currency XAU has no minor unit",
        "unitPriceMinor | -1 | unitPriceMinor must not be negative",
        "unitPriceMinor | 49.00 | unitPriceMinor must be a whole number",
        "annualDiscountPercent | 101 | annualDiscountPercent must be from 0 to 100",
        "annualDiscountPercent | -5 | annualDiscountPercent must be from 0 to 100",
      })
  void rejectsBadSettings(String key, String value, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PriceList.of(Map.of(key, value)));
    assertEquals(message, e.getMessage());
  }

  @org.junit.jupiter.api.Test
  void missingSettingsTakeTheDefaults() {
    PriceList d = PriceList.defaults();
    assertEquals("USD", d.currency().getCurrencyCode());
    assertEquals(4900, d.unitPriceMinor());
    assertEquals(3, d.tiers().size());
    assertEquals(15, d.annualDiscountPercent());
    // a lower-case currency, and numbers as the platform types them
    PriceList p =
        PriceList.of(Map.of("currency", "eur", "unitPriceMinor", 100, "annualDiscountPercent", 0L));
    assertEquals("EUR", p.currency().getCurrencyCode());
    assertEquals("1.00", p.quote(1).monthly().toPlainString());
    assertEquals(List.of(), PriceList.of(Map.of("volumeDiscounts", "")).tiers());
  }

  @ParameterizedTest
  @CsvSource({"0", "-3", "1000001"})
  void quotesOnlyASensibleNumberOfSeats(int seats) {
    assertThrows(IllegalArgumentException.class, () -> PriceList.defaults().quote(seats));
  }
}
