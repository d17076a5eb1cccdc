package com.ngx.agent.internal.nlu;

import com.ngx.agent.internal.model.Definition.SlotDef;
import com.ngx.agent.internal.model.DefinitionReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slot extraction with validation, in English and Spanish: name, email, phone, company, company
 * size, budget, timeline, role and custom slots. {@code expected} is true when the agent has just
 * asked for that slot: then a bare answer ("Acme", "50", "next month") is taken as well, with a
 * lower confidence than a marked one ("I work at Acme").
 */
public final class Slots {

  /**
   * A captured value.
   *
   * @param value the normalised value (a number as plain text, an enum's canonical value …)
   * @param display how to say it back
   * @param confidence 0–1
   * @param words the prospect's own words it came from
   */
  public record Captured(String value, String display, double confidence, String words) {}

  /** Why an expected answer was not accepted, for the reprompt. */
  public record Rejected(String reason) {}

  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,24}");
  private static final Pattern PHONE = Pattern.compile("(?<![\\w@])\\+?[\\d(][\\d ().-]{5,20}\\d(?![\\w@])");
  private static final String NAME_WORDS = "([\\p{L}][\\p{L}'-]+(?:\\s+[\\p{L}][\\p{L}'-]+){0,3})";
  /** Markers that introduce a name whatever was asked. */
  private static final Pattern NAME_STRONG =
      Pattern.compile("(?i)(?:my name is|my name's|call me|me llamo|mi nombre es)\\s+" + NAME_WORDS);
  /** Markers that introduce a name only when the name was asked for ("I'm ready" is no name). */
  private static final Pattern NAME_MARKED =
      Pattern.compile("(?i)(?:my name is|my name's|i am|i'm|im|this is|call me|me llamo|mi nombre es|soy)\\s+" + NAME_WORDS);
  private static final Pattern COMPANY_MARKED =
      Pattern.compile(
          "(?i)(?:i work (?:at|for)|we are|we're|my company is|our company is|company is|company's|from|at|"
              + "trabajo en|trabajo para|mi empresa es|nuestra empresa es|la empresa es|somos)\\s+"
              + "([\\p{L}0-9&][\\p{L}0-9&.'-]*(?:\\s+[\\p{Lu}0-9&][\\p{L}0-9&.'-]*){0,4})");
  private static final Pattern PEOPLE =
      Pattern.compile(
          "(?i)(\\d[\\d,.]*)\\s*(?:\\+\\s*)?(?:people|employees|staff|person|persons|members|team members|seats|users|"
              + "personas|empleados|trabajadores|colaboradores|usuarios)");
  private static final Pattern MONEY =
      Pattern.compile(
          "(?i)(?:(us\\$|usd|eur|gbp|mxn|\\$|€|£)\\s*(\\d[\\d.,]*)\\s*(k|mil|thousand)?)|"
              + "(?:(\\d[\\d.,]*)\\s*(k|mil|thousand|grand)?\\s*(us\\$|usd|eur|gbp|mxn|dollars?|bucks|euros?|pounds?|"
              + "d[oó]lares|pesos|\\$|€|£))");
  private static final Pattern NUMBER = Pattern.compile("(\\d[\\d.,]*)\\s*(k|mil|thousand)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern IN_N =
      Pattern.compile(
          "(?i)(?:in|within|around|about|next|en|dentro de|unos|unas|las próximas|los próximos)?\\s*"
              + "(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an|un|una|uno|dos|tres|"
              + "cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|couple of|par de)\\s+"
              + "(days?|weeks?|months?|years?|d[ií]as?|semanas?|mes|meses|años?)");
  private static final Map<String, Integer> NUMBER_WORDS =
      Map.ofEntries(
          Map.entry("one", 1), Map.entry("a", 1), Map.entry("an", 1), Map.entry("un", 1), Map.entry("una", 1),
          Map.entry("uno", 1), Map.entry("two", 2), Map.entry("dos", 2), Map.entry("couple of", 2),
          Map.entry("par de", 2), Map.entry("three", 3), Map.entry("tres", 3), Map.entry("four", 4),
          Map.entry("cuatro", 4), Map.entry("five", 5), Map.entry("cinco", 5), Map.entry("six", 6),
          Map.entry("seis", 6), Map.entry("seven", 7), Map.entry("siete", 7), Map.entry("eight", 8),
          Map.entry("ocho", 8), Map.entry("nine", 9), Map.entry("nueve", 9), Map.entry("ten", 10),
          Map.entry("diez", 10), Map.entry("eleven", 11), Map.entry("once", 11), Map.entry("twelve", 12),
          Map.entry("doce", 12));
  /** A spoken timeline and the days it means. */
  private record When(Pattern pattern, int days) {
    When(String regex, int days) {
      this(Pattern.compile(regex), days);
    }
  }

  private static final List<When> WHEN =
      List.of(
          new When("(?i)\\b(right now|now|asap|as soon as possible|immediately|today|urgent|ya mismo|ya|ahora|"
              + "hoy|cuanto antes|lo antes posible|inmediatamente|urgente)\\b", 0),
          new When("(?i)\\b(this week|esta semana)\\b", 7),
          new When("(?i)\\b(next week|la (?:pr[oó]xima|siguiente) semana|la semana que viene)\\b", 14),
          new When("(?i)\\b(this month|este mes)\\b", 30),
          new When("(?i)\\b(next month|el (?:pr[oó]ximo|siguiente) mes|el mes que viene)\\b", 60),
          new When("(?i)\\b(this quarter|este trimestre)\\b", 90),
          new When("(?i)\\b(next quarter|el pr[oó]ximo trimestre)\\b", 180),
          new When("(?i)\\b(this year|este año|este ano)\\b", 365),
          new When("(?i)\\b(next year|el año que viene|el pr[oó]ximo año)\\b", 540));
  private static final Pattern UNDECIDED =
      Pattern.compile("(?i)\\b(not sure|no idea|just looking|just browsing|someday|no lo s[eé]|solo estoy mirando|"
          + "alg[uú]n d[ií]a|todav[ií]a no s[eé])\\b");
  private static final Pattern DECIDER =
      Pattern.compile(
          "(?i)\\b(owner|co-?owner|founder|co-?founder|ceo|cto|cfo|coo|president|director|head of|vp|vice president|"
              + "partner|principal|manager|decision maker|i decide|i make the decisions?|i'?m in charge|my decision|"
              + "it'?s my call|i own|due[ñn]o|due[ñn]a|propietari[oa]|fundador[a]?|cofundador[a]?|gerente|directora?|"
              + "soci[oa]|jef[ea] de|yo decido|decido yo|la decisi[oó]n es m[ií]a|soy quien decide|encargad[oa])\\b");
  private static final Pattern INFLUENCER =
      Pattern.compile(
          "(?i)\\b(my boss|my manager|my partner decides|the board|committee|need to ask|have to ask|check with|"
              + "team decides|not my decision|mi jef[ea]|tengo que consultar|consultarlo con|mi socio decide|"
              + "no decido yo|la junta|el comit[eé])\\b");
  private static final Set<String> NOT_A_NAME =
      Set.of("yes", "no", "ok", "okay", "sure", "si", "sí", "claro", "vale", "hello", "hi", "hola", "thanks", "gracias",
          "interested", "fine", "good", "bien", "here", "aqui", "aquí", "the", "a", "not", "just");

  /** Words after which a "name" is no name any more ("I'm Ana from Acme", "I'm looking for …"). */
  private static final Set<String> NAME_STOPS =
      Set.of("and", "from", "at", "y", "the", "interested", "looking", "here", "calling");

  private Slots() {}

  /**
   * Extracts a slot from a message.
   *
   * @param type the slot's type (a built-in slot's name, or a custom slot's type)
   * @param def the custom slot's definition, or null for a built-in slot
   */
  public static Optional<Captured> extract(String slot, String type, SlotDef def, String text, boolean expected) {
    String t = text.strip();
    return switch (type) {
      case "email" -> email(t);
      case "phone" -> phone(t);
      case "name" -> name(t, expected);
      case "company" -> company(t, expected);
      case "number" -> slot.equals("company_size") ? people(t, expected) : number(t, expected, def);
      case "money" -> money(t, expected);
      case "timeline" -> timeline(t, expected);
      case "role" -> role(t, expected);
      case "enum" -> enumValue(t, def);
      case "pattern" -> pattern(t, def);
      case "date" -> date(t);
      case "text" -> expected && t.length() >= 2 ? Optional.of(new Captured(t, t, 0.6, t)) : Optional.empty();
      default -> Optional.empty();
    };
  }

  /** The extraction type of a slot: built-in slots by name, custom ones by their type. */
  public static String typeOf(String slot, SlotDef def) {
    String builtIn = DefinitionReader.BUILT_IN_SLOTS.get(slot);
    return builtIn != null ? builtIn : def == null ? "text" : def.type();
  }

  private static Optional<Captured> email(String t) {
    Matcher m = EMAIL.matcher(t);
    return m.find() ? Optional.of(new Captured(m.group().toLowerCase(Locale.ROOT), m.group(), 0.95, t)) : Optional.empty();
  }

  private static Optional<Captured> phone(String t) {
    Matcher m = PHONE.matcher(t);
    while (m.find()) {
      String digits = m.group().replaceAll("\\D", "");
      if (digits.length() >= 7 && digits.length() <= 15) {
        String value = (m.group().strip().startsWith("+") ? "+" : "") + digits;
        return Optional.of(new Captured(value, m.group().strip(), 0.9, t));
      }
    }
    return Optional.empty();
  }

  private static Optional<Captured> name(String t, boolean expected) {
    Matcher m = (expected ? NAME_MARKED : NAME_STRONG).matcher(t);
    if (m.find()) {
      String n = cleanName(m.group(1));
      if (n != null) {
        return Optional.of(new Captured(n, n, 0.9, t));
      }
    }
    if (expected) {
      String bare = t.replaceAll("[.!?,;]+$", "").strip();
      String[] words = bare.split("\\s+");
      if (words.length >= 1 && words.length <= 4 && bare.matches("[\\p{L}][\\p{L}' -]*")) {
        String n = cleanName(bare);
        if (n != null) {
          return Optional.of(new Captured(n, n, 0.75, t));
        }
      }
    }
    return Optional.empty();
  }

  private static String cleanName(String raw) {
    List<String> kept = new ArrayList<>();
    for (String w : raw.strip().split("\\s+")) {
      String lw = w.toLowerCase(Locale.ROOT);
      if (NAME_STOPS.contains(lw)) {
        break;
      }
      kept.add(w);
    }
    if (kept.isEmpty() || NOT_A_NAME.contains(kept.get(0).toLowerCase(Locale.ROOT))) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (String w : kept) {
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      sb.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
    }
    return sb.toString();
  }

  private static Optional<Captured> company(String t, boolean expected) {
    Matcher m = COMPANY_MARKED.matcher(t);
    if (m.find() && !EMAIL.matcher(t).find()) {
      String c = m.group(1).replaceAll("[.,!?]+$", "").strip();
      if (c.length() >= 2 && Character.isUpperCase(c.codePointAt(0))) {
        return Optional.of(new Captured(c, c, 0.85, t));
      }
    }
    if (expected) {
      String bare = t.replaceAll("[.!?]+$", "").strip();
      if (bare.length() >= 2 && bare.length() <= 80 && bare.split("\\s+").length <= 6) {
        return Optional.of(new Captured(bare, bare, 0.7, t));
      }
    }
    return Optional.empty();
  }

  private static Optional<Captured> people(String t, boolean expected) {
    Matcher m = PEOPLE.matcher(t);
    if (m.find()) {
      BigDecimal n = parseNumber(m.group(1), null);
      if (n != null && n.signum() > 0) {
        return Optional.of(new Captured(n.toPlainString(), n.toPlainString() + " people", 0.9, t));
      }
    }
    return expected ? number(t, true, null) : Optional.empty();
  }

  private static Optional<Captured> number(String t, boolean expected, SlotDef def) {
    if (!expected) {
      return Optional.empty();
    }
    Matcher m = NUMBER.matcher(t);
    if (!m.find()) {
      return Optional.empty();
    }
    BigDecimal n = parseNumber(m.group(1), m.group(2));
    if (n == null) {
      return Optional.empty();
    }
    if (def != null && ((def.min() != null && n.compareTo(def.min()) < 0) || (def.max() != null && n.compareTo(def.max()) > 0))) {
      return Optional.empty();
    }
    return Optional.of(new Captured(n.toPlainString(), n.toPlainString(), 0.8, t));
  }

  private static Optional<Captured> money(String t, boolean expected) {
    Matcher m = MONEY.matcher(t);
    while (m.find()) {
      String symbol = m.group(1) != null ? m.group(1) : m.group(6);
      String amount = m.group(2) != null ? m.group(2) : m.group(4);
      String mult = m.group(3) != null ? m.group(3) : m.group(5);
      BigDecimal n = parseNumber(amount, mult);
      if (n != null && n.signum() >= 0) {
        String currency = currency(symbol);
        return Optional.of(new Captured(n.toPlainString(), n.toPlainString() + " " + currency, 0.9, t));
      }
    }
    if (expected) {
      Matcher n = NUMBER.matcher(t);
      if (n.find()) {
        BigDecimal v = parseNumber(n.group(1), n.group(2));
        if (v != null) {
          return Optional.of(new Captured(v.toPlainString(), v.toPlainString(), 0.7, t));
        }
      }
    }
    return Optional.empty();
  }

  private static String currency(String symbol) {
    String s = symbol.toLowerCase(Locale.ROOT);
    if (s.startsWith("eur") || s.equals("€")) {
      return "EUR";
    }
    if (s.startsWith("pound") || s.equals("£") || s.equals("gbp")) {
      return "GBP";
    }
    if (s.equals("mxn") || s.equals("pesos")) {
      return "MXN";
    }
    return "USD";
  }

  /** "1,500" "1.500" "2.5k" "3 mil" → a number; null when it is not one. */
  static BigDecimal parseNumber(String raw, String multiplier) {
    String s = raw.replaceAll("[.,]+$", "");
    if (s.matches("\\d{1,3}([.,]\\d{3})+")) {
      s = s.replaceAll("[.,]", "");
    } else {
      s = s.replace(',', '.');
      if (s.chars().filter(c -> c == '.').count() > 1) {
        return null;
      }
    }
    try {
      BigDecimal n = new BigDecimal(s);
      if (multiplier != null && !multiplier.isBlank()) {
        n = n.multiply(BigDecimal.valueOf(1000));
      }
      return n.stripTrailingZeros().scale() < 0 ? n.setScale(0) : n.stripTrailingZeros();
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Optional<Captured> timeline(String t, boolean expected) {
    Matcher m = IN_N.matcher(t);
    if (m.find()) {
      String q = m.group(1).toLowerCase(Locale.ROOT);
      Integer n = q.matches("\\d+") ? Integer.valueOf(q) : NUMBER_WORDS.get(q);
      if (n != null) {
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        int days = unit.startsWith("d") ? n : unit.startsWith("w") || unit.startsWith("sem") ? n * 7
            : unit.startsWith("y") || unit.startsWith("a") ? n * 365 : n * 30;
        return Optional.of(new Captured(Integer.toString(days), m.group().strip(), 0.9, t));
      }
    }
    for (When w : WHEN) {
      Matcher x = w.pattern().matcher(t);
      if (x.find()) {
        return Optional.of(new Captured(Integer.toString(w.days()), x.group(1), 0.9, t));
      }
    }
    if (UNDECIDED.matcher(t).find()) {
      return Optional.of(new Captured("undecided", "undecided", 0.3, t));
    }
    return Optional.empty();
  }

  private static Optional<Captured> role(String t, boolean expected) {
    Matcher d = DECIDER.matcher(t);
    Matcher i = INFLUENCER.matcher(t);
    if (i.find()) {
      return Optional.of(new Captured("influencer", i.group(1), 0.5, t));
    }
    if (d.find()) {
      return Optional.of(new Captured("decision_maker", d.group(1), 1.0, t));
    }
    if (expected && t.length() >= 2) {
      return Optional.of(new Captured("other", t, 0.4, t));
    }
    return Optional.empty();
  }

  private static Optional<Captured> enumValue(String t, SlotDef def) {
    if (def == null) {
      return Optional.empty();
    }
    String n = " " + Text.normalise(t) + " ";
    String best = null;
    int bestLength = 0;
    for (Map.Entry<String, List<String>> e : def.values().entrySet()) {
      List<String> names = new ArrayList<>(e.getValue());
      names.add(e.getKey().replace('_', ' '));
      for (String synonym : names) {
        String s = Text.normalise(synonym);
        if (!s.isEmpty() && n.contains(" " + s + " ") && s.length() > bestLength) {
          best = e.getKey();
          bestLength = s.length();
        }
      }
    }
    return best == null ? Optional.empty() : Optional.of(new Captured(best, best.replace('_', ' '), 0.9, t));
  }

  private static Optional<Captured> pattern(String t, SlotDef def) {
    if (def == null || def.pattern() == null) {
      return Optional.empty();
    }
    Matcher m = Pattern.compile(def.pattern()).matcher(t);
    return m.find() ? Optional.of(new Captured(m.group(), m.group(), 0.9, t)) : Optional.empty();
  }

  private static Optional<Captured> date(String t) {
    Matcher m = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b").matcher(t);
    if (m.find()) {
      try {
        java.time.LocalDate d = java.time.LocalDate.parse(m.group(1));
        return Optional.of(new Captured(d.toString(), d.toString(), 0.9, t));
      } catch (java.time.DateTimeException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
