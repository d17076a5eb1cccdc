package com.ngx.billing.internal.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WinAnsiTextTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      emptyValue = "",
      value = {
        // null is empty
        "NULL | ''",
        // Latin-1 and the Windows-1252 extras stay
        "Müller & Söhne – 1 000 € • “quoted” | Müller & Söhne – 1 000 € • “quoted”",
        // a letter the encoding lacks falls back to its base letter
        "Łódź, Kraków, Győr, Ærø | ?ódz, Kraków, Gyor, Ærø",
        // a decomposed accent is composed first
        "Cafe\u0301 | Café",
        // CJK and emoji (one code point, one question mark; joiners and selectors vanish)
        "請求書 \uD83D\uDC68\u200D\uD83D\uDC69 \u2764\uFE0F | ??? ?? ?",
        // right-to-left text and bidi controls
        "\u202Bשלום\u202C | ????",
        // control characters, tabs and exotic spaces become spaces
        "a\u0000b\tc\u00A0d\u2003e\u3000f | a b c d e f",
        // zero-width and soft hyphen vanish
        "in\u00ADvoice\u200B\uFEFF | invoice",
        // lone surrogates
        "x\uD800y\uDC00z | x?y?z",
      })
  void clean(String in, String expected) {
    assertEquals(expected, WinAnsiText.clean(in));
  }

  @Test
  void linesSplitAtEveryKindOfBreak() {
    assertEquals(List.of("a", "b", "c", "", "d", "e"),
        WinAnsiText.lines("a\r\nb\rc\n\nd\u2028e"));
    assertEquals(List.of(), WinAnsiText.lines(null));
  }

  @Test
  void everyCleanedCharacterIsEncodableInBothFonts() throws IOException {
    StringBuilder all = new StringBuilder();
    for (int cp = 0; cp <= 0x10FFFF; cp += cp < 0x10000 ? 1 : 97) {
      all.appendCodePoint(cp);
    }
    String clean = WinAnsiText.clean(all.toString());
    // encode throws IllegalArgumentException on the first character the font cannot show
    new PDType1Font(Standard14Fonts.FontName.HELVETICA).encode(clean);
    new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD).encode(clean);
  }
}
