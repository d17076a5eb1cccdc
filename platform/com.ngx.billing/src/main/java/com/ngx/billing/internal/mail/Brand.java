package com.ngx.billing.internal.mail;

import java.util.regex.Pattern;

/**
 * Who a billing mail comes from, as its reader sees it: the issuer's name and its colour, used in
 * the HTML mails' header and buttons.
 *
 * @param name the issuer's name (the platform's, or a partner's for the tenants it bills)
 * @param colour {@code #RRGGBB}; anything else (null, names, short forms) becomes {@value #DEFAULT_COLOUR}
 */
public record Brand(String name, String colour) {
  /** The colour used when a brand has none, or one that is not {@code #RRGGBB}. */
  public static final String DEFAULT_COLOUR = "#1F4FD8";

  private static final Pattern RGB = Pattern.compile("#[0-9A-Fa-f]{6}");

  public Brand {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A brand needs a name");
    }
    name = name.strip();
    colour = colour != null && RGB.matcher(colour.strip()).matches() ? colour.strip().toUpperCase() : DEFAULT_COLOUR;
  }

  /** Black or white, whichever reads better on {@link #colour()} (WCAG relative luminance). */
  String textColour() {
    int rgb = Integer.parseInt(colour.substring(1), 16);
    double luminance = 0.2126 * linear(rgb >> 16) + 0.7152 * linear(rgb >> 8) + 0.0722 * linear(rgb);
    // white wins while its contrast (1.05 / (L + 0.05)) beats black's ((L + 0.05) / 0.05)
    return luminance < 0.179 ? "#FFFFFF" : "#111111";
  }

  /** The colour for links on white: the brand's when it is dark enough to read there, else near black. */
  String linkColour() {
    return "#FFFFFF".equals(textColour()) ? colour : "#1F2328";
  }

  private static double linear(int channel) {
    double c = (channel & 0xFF) / 255.0;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  }
}
