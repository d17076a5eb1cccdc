package com.ngx.agent.internal.nlu;

import java.util.regex.Pattern;

/**
 * Plain yes and no at the start of a message, in English and Spanish ("no, gracias", "sí, adelante",
 * "sure, go ahead"): decides consent questions and calls to action before the classifier does,
 * because there a one-word answer must never be read as anything else.
 */
public final class YesNo {
  private static final Pattern YES = Pattern.compile(
      "^(yes|yeah|yep|yup|sure|ok|okay|of course|absolutely|definitely|go ahead|please do|sounds good|that's fine|fine|"
          + "si|claro|vale|dale|de acuerdo|por supuesto|perfecto|adelante|bueno|esta bien|me parece bien|genial)\\b");
  private static final Pattern NO = Pattern.compile(
      "^(no|nope|nah|not now|not really|never|i'd rather not|rather not|no thanks|para nada|mejor no|ahora no|nunca|"
          + "prefiero que no|de ninguna manera)\\b");

  private YesNo() {}

  /** TRUE for a clear yes, FALSE for a clear no, null otherwise. */
  public static Boolean of(String text) {
    String n = Text.normalise(text);
    if (NO.matcher(n).find()) {
      return Boolean.FALSE;
    }
    if (YES.matcher(n).find()) {
      return Boolean.TRUE;
    }
    return null;
  }
}
