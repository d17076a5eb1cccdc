package com.ngx.agent.internal.nlu;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text normalisation shared by the classifiers and the slot extractors. */
public final class Text {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9$€£%@.+]+");

  private Text() {}

  /** Lower case, accents removed, punctuation turned into spaces, whitespace collapsed. */
  public static String normalise(String s) {
    String n = Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    n = MARKS.matcher(n).replaceAll("");
    n = n.replace('’', '\'').replace("'", "");
    return NON_WORD.matcher(n).replaceAll(" ").strip();
  }

  /** The words of a normalised text. */
  public static List<String> words(String normalised) {
    List<String> out = new ArrayList<>();
    for (String w : normalised.split(" ")) {
      String t = w.replaceAll("^[.+]+|[.+]+$", "");
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /**
   * Lexical features of a normalised text: its words and the character trigrams of each word
   * (padded), which match across inflections, typos and the two languages' shared stems.
   */
  public static List<String> features(String normalised) {
    List<String> out = new ArrayList<>();
    for (String w : words(normalised)) {
      out.add("w:" + w);
      String p = "^" + w + "$";
      for (int i = 0; i + 3 <= p.length(); i++) {
        out.add(p.substring(i, i + 3));
      }
    }
    return out;
  }
}
