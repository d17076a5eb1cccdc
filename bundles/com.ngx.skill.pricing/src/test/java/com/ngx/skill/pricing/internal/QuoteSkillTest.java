package com.ngx.skill.pricing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.ngx.api.skill.SkillRequest;
import com.ngx.api.skill.SkillResult;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuoteSkillTest {
  private final QuoteSkill skill = new QuoteSkill();
  private final TestContext context = new TestContext();

  private SkillResult ask(String language, String input, Map<String, String> slots) {
    return skill.invoke(context, new SkillRequest("conv-1", language, input, slots));
  }

  @Test
  void isNamedQuote() {
    assertEquals("quote", skill.name());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // language | input | reply
        "en | We are 25 people | 25 seats come to USD 1,163.75 per month, with a 5% volume"
            + " discount. Billed annually: USD 11,870.25 per year (15% off).",
        "es | Somos 25 personas | 25 usuarios: 1.163,75 USD al mes, con un 5 % de descuento por"
            + " volumen. Con facturación anual: 11.870,25 USD al año (15 % de descuento).",
        // a regional Spanish tag is Spanish
        "es-MX | somos 1 | 1 usuario: 49,00 USD al mes. Con facturación anual: 499,80 USD al año"
            + " (15 % de descuento).",
        // any other language falls back to English; one seat, no volume discount
        "de | Wir sind 1 | 1 seat comes to USD 49.00 per month. Billed annually: USD 499.80 per"
            + " year (15% off).",
        "'' | 1,200 seats | 1,200 seats come to USD 49,980.00 per month, with a 15% volume"
            + " discount. Billed annually: USD 509,796.00 per year (15% off).",
      })
  void repliesInTheConversationsLanguage(String language, String input, String reply) {
    SkillResult r = ask(language, input, Map.of());
    assertEquals(reply, r.reply());
  }

  @Test
  void setsTheQuoteSlots() {
    SkillResult r = ask("en", "how much?", Map.of("company_size", "50"));
    assertEquals(
        Map.of("quote_seats", "50", "quote_monthly", "2205.00", "quote_currency", "USD"),
        r.slots());
  }

  @Test
  void theCompanySizeSlotWinsOverTheMessage() {
    SkillResult r = ask("en", "we have 3 offices", Map.of("company_size", "10-20 employees"));
    assertEquals("10", r.slots().get("quote_seats"));
    // a slot without a number falls back to the message
    r = ask("en", "we have 3 offices", Map.of("company_size", "small"));
    assertEquals("3", r.slots().get("quote_seats"));
  }

  @Test
  void usesTheTenantsPriceList() {
    context.with("currency", "JPY").with("unitPriceMinor", 4900L).with("volumeDiscounts", "");
    SkillResult r = ask("es", "10", Map.of());
    assertEquals(
        "10 usuarios: 49.000 JPY al mes. Con facturación anual: 499.800 JPY al año"
            + " (15 % de descuento).",
        r.reply());
    assertEquals(
        Map.of("quote_seats", "10", "quote_monthly", "49000", "quote_currency", "JPY"), r.slots());
  }

  @Test
  void withoutDiscountsNothingIsSaidAboutThem() {
    context.with("volumeDiscounts", "").with("annualDiscountPercent", 0);
    assertEquals(
        "20 seats come to USD 980.00 per month. Billed annually: USD 11,760.00 per year.",
        ask("en", "20", Map.of()).reply());
    assertEquals(
        "20 usuarios: 980,00 USD al mes. Con facturación anual: 11.760,00 USD al año.",
        ask("es", "20", Map.of()).reply());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // language | input | reply
        "en | how much is it? | How many seats should I price?",
        "es | ¿cuánto cuesta? | ¿Para cuántos usuarios necesitas el precio?",
        "en | we are 0 | I can price from 1 to 1,000,000 seats. How many do you need?",
        "es | 2.000.000 | Puedo calcular precios de 1 a 1.000.000 usuarios. ¿Cuántos necesitas?",
      })
  void asksWhenItCannotQuote(String language, String input, String reply) {
    SkillResult r = ask(language, input, Map.of());
    assertEquals(reply, r.reply());
    assertEquals(Map.of(), r.slots());
  }

  @Test
  void badSettingsAreTheTenantsToFix() {
    context.with("volumeDiscounts", "lots");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ask("en", "5", Map.of()));
    assertEquals(
        "volumeDiscounts: 'lots': expected minimum seats:percent off (e.g. 10:5,50:10)",
        e.getMessage());
  }
}
