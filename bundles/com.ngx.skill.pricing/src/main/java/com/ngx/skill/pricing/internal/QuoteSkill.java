package com.ngx.skill.pricing.internal;

import com.ngx.api.plugin.PluginContext;
import com.ngx.api.skill.ConversationSkill;
import com.ngx.api.skill.SkillRequest;
import com.ngx.api.skill.SkillResult;
import java.util.Map;
import java.util.OptionalLong;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@code quote} skill: prices the seats the prospect asked for with the tenant's price list,
 * replies in the conversation's language and sets {@code quote_seats}, {@code quote_monthly} and
 * {@code quote_currency}.
 *
 * <p>The seat count comes from the {@code company_size} slot, else from the first whole number in
 * the prospect's message. The tenant's settings arrive with every call; Config Admin is not used,
 * so the component activates without any configuration.
 */
@Component(service = ConversationSkill.class, configurationPid = QuoteSkill.PID)
@Designate(ocd = PricingSettings.class)
public final class QuoteSkill implements ConversationSkill {
  /** The plugin id, also the id of its settings definition. */
  static final String PID = "pricing-calculator";
  static final String NAME = "quote";
  static final String SIZE_SLOT = "company_size";

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Answers with the quote, or asks for the seat count when there is none.
   *
   * @throws IllegalArgumentException when the tenant's settings are wrong (the platform reports
   *     it to the tenant as a failure of the plugin)
   */
  @Override
  public SkillResult invoke(PluginContext context, SkillRequest request) {
    PriceList prices = PriceList.of(context.settings());
    String language = Replies.language(request.language());
    OptionalLong seats = Seats.firstNumber(request.slots().get(SIZE_SLOT));
    if (seats.isEmpty()) {
      seats = Seats.firstNumber(request.input());
    }
    if (seats.isEmpty()) {
      return new SkillResult(Replies.askSeats(language), Map.of());
    }
    if (seats.getAsLong() < 1 || seats.getAsLong() > PriceList.MAX_SEATS) {
      return new SkillResult(Replies.outOfRange(language), Map.of());
    }
    Quote q = prices.quote((int) seats.getAsLong());
    return new SkillResult(
        Replies.quote(language, q),
        Map.of(
            "quote_seats", Integer.toString(q.seats()),
            "quote_monthly", q.monthly().toPlainString(),
            "quote_currency", q.currency().getCurrencyCode()));
  }
}
