package com.ngx.agent.internal.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.es.SpanishPluralStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The full-text analysis of knowledge passages, one field for English and Spanish text.
 *
 * <p>Chain: {@code StandardTokenizer} (Unicode word rules, fine for both languages) → English
 * possessive removal ({@code gym's} → {@code gym}; harmless in Spanish) → lower case → ASCII
 * folding ({@code está} = {@code esta}, so accents typed or not still match; typographic
 * apostrophes become ASCII ones, so {@code don’t} is the stop word {@code don't}) → stop words of both
 * languages (folded; a handful of Spanish verb forms that are English content words, {@code sea}
 * {@code son} {@code era}, are kept) → a light stemmer.
 *
 * <p>Why light stemming, and per language: aggressive stemmers (Porter, Snowball) are
 * language-specific and mangle the other language's words, while singular/plural and verb endings
 * are most of what matters for matching questions to passages ({@code prices}/{@code price},
 * {@code cancelling}/{@code cancel}, {@code condiciones}/{@code condición}). English: KStem, which
 * only folds to words of its dictionary ({@code classes} → {@code class}, {@code cancelling} →
 * {@code cancel}), then the S-stemmer for the plurals KStem leaves ({@code days}, {@code books}).
 * Spanish: the plural stemmer, then a final {@code -se} loses its {@code e}, since the plural
 * stemmer turns {@code clases} into {@code clas} but leaves {@code clase} (Spanish singulars in
 * {@code -s} such as {@code mes}/{@code meses} stay right). English and Spanish plurals conflict
 * ({@code -es} is dropped in Spanish, {@code phones} must become {@code phone} in English), so a
 * passage is indexed with the analysis of its document's language ({@link #ENGLISH} unless
 * Spanish), and a question, whose language is unknown, is analysed with both: each word becomes the
 * set of its two stems, searched as one term (Lucene's {@code SynonymQuery}). A stem that only the
 * wrong language produces simply does not occur in the index. Meaning beyond that (synonyms,
 * paraphrase, cross-language) is the embedding model's job.
 *
 * <p>The analyzers are thread-safe.
 */
final class BilingualAnalysis {
  private static final String ENGLISH_STOP =
      "i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she"
          + " her hers herself it its itself they them their theirs themselves what which who whom this"
          + " that these those am is are was were be been being have has had having do does did doing"
          + " would should could ought i'm you're he's she's it's we're they're i've you've we've they've"
          + " i'd you'd he'd she'd we'd they'd i'll you'll he'll she'll we'll they'll isn't aren't wasn't"
          + " weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't shan't shouldn't can't"
          + " cannot couldn't mustn't let's that's who's what's here's there's when's where's why's how's"
          + " a an the and but if or because as until while of at by for with about against between into"
          + " through during before after above below to from up down in out on off over under again"
          + " further then once here there when where why how all any both each few more most other some"
          + " such no nor not only own same so than too very"
          // question and request words (not in the Snowball list) that carry no topic
          + " can will may might must shall much many also just please tell us get got want like know";

  private static final String SPANISH_STOP =
      "de la que el en y a los del se las por un para con no una su al lo como más pero sus le ya o este"
          + " sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos"
          + " durante todos uno les ni contra otros ese eso ante ellos e esto mí antes algunos qué unos yo"
          + " otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas"
          + " algunas algo nosotros mi mis tú te ti tu tus ellas nosotras vosotros vosotras os mío mía"
          + " míos mías tuyo tuya tuyos tuyas suyo suya suyos suyas nuestro nuestra nuestros nuestras"
          + " vuestro vuestra vuestros vuestras esos esas estoy estás está estamos estáis están esté estés"
          + " estemos estéis estén estaré estarás estará estaremos estaréis estarán estaría estarías"
          + " estaríamos estaríais estarían estaba estabas estábamos estabais estaban estuve estuviste"
          + " estuvo estuvimos estuvisteis estuvieron estuviera estuvieras estuviéramos estuvierais"
          + " estuvieran estuviese estuvieses estuviésemos estuvieseis estuviesen estando estado estada"
          + " estados estadas estad he has ha hemos habéis han haya hayas hayamos hayáis hayan habré"
          + " habrás habrá habremos habréis habrán habría habrías habríamos habríais habrían había habías"
          + " habíamos habíais habían hube hubiste hubo hubimos hubisteis hubieron hubiera hubieras"
          + " hubiéramos hubierais hubieran hubiese hubieses hubiésemos hubieseis hubiesen habiendo habido"
          + " habida habidos habidas soy eres es somos sois sean seamos seáis seré serás será seremos"
          + " seréis serán sería serías seríamos seríais serían éramos erais eran fui fuiste fue fuimos"
          + " fuisteis fueron fuera fueras fuéramos fuerais fueran fuese fueses fuésemos fueseis fuesen"
          + " siendo sido tengo tienes tiene tenemos tenéis tienen tenga tengas tengamos tengáis tengan"
          + " tendré tendrás tendrá tendremos tendréis tendrán tendría tendrías tendríamos tendríais"
          + " tendrían tenía tenías teníamos teníais tenían tuve tuviste tuvo tuvimos tuvisteis tuvieron"
          + " tuviera tuvieras tuviéramos tuvierais tuvieran tuviese tuvieses tuviésemos tuvieseis"
          + " tuviesen teniendo tenido tenida tenidas tened"
          // question and request words (not in the Snowball list) that carry no topic
          + " cuánto cuánta cuántos cuántas cuál cuáles cómo dónde cuándo puedo puede pueden podéis"
          + " podemos quiero quisiera saber decir usted ustedes vuestro";

  /** The stop words of both languages, lower case and accent-folded like the tokens they meet. */
  static final CharArraySet STOP_WORDS = stopWords();

  /** Analysis for English passages, and for passages in other or unknown languages. */
  static final Analyzer ENGLISH = new Chain(false);

  /** Analysis for Spanish passages. */
  static final Analyzer SPANISH = new Chain(true);

  private BilingualAnalysis() {}

  /** The analyzer for passages of {@code language} (a BCP 47 tag such as {@code es-MX}, or null). */
  static Analyzer forLanguage(String language) {
    return language != null && language.toLowerCase(Locale.ROOT).startsWith("es") ? SPANISH : ENGLISH;
  }

  /** The terms of {@code text} with {@code analyzer}, in order, repeats kept. */
  static List<String> terms(Analyzer analyzer, String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(KnowledgeIndex.FIELD, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // analysing a String
    }
    return out;
  }

  /**
   * The words of a question, each as the set of its stems in both languages, in order, duplicates
   * (same stem set) removed.
   */
  static List<Set<String>> queryTerms(String query) {
    List<String> english = terms(ENGLISH, query);
    List<String> spanish = terms(SPANISH, query);
    List<Set<String>> out = new ArrayList<>();
    Set<Set<String>> seen = new HashSet<>();
    if (english.size() == spanish.size()) {
      for (int i = 0; i < english.size(); i++) {
        Set<String> variants = new LinkedHashSet<>(List.of(english.get(i)));
        variants.add(spanish.get(i));
        if (seen.add(variants)) {
          out.add(variants);
        }
      }
    } else { // cannot happen with the chains above (stemmers never drop tokens), but stay correct
      for (String t : english) {
        if (seen.add(Set.of(t))) {
          out.add(Set.of(t));
        }
      }
      for (String t : spanish) {
        if (seen.add(Set.of(t))) {
          out.add(Set.of(t));
        }
      }
    }
    return out;
  }

  private static CharArraySet stopWords() {
    CharArraySet set = new CharArraySet(512, false);
    for (String word : (ENGLISH_STOP + " " + SPANISH_STOP).split(" ")) {
      if (!word.isEmpty()) {
        set.add(fold(word));
      }
    }
    return CharArraySet.unmodifiableSet(set);
  }

  private static String fold(String word) {
    char[] in = word.toLowerCase(Locale.ROOT).toCharArray();
    char[] out = new char[in.length * 4];
    int n = ASCIIFoldingFilter.foldToASCII(in, 0, out, 0, in.length);
    return new String(out, 0, n);
  }

  /** Drops the {@code e} of a final {@code -se} ({@code clase} → {@code clas}, like {@code clases}). */
  private static final class FinalSeFilter extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    FinalSeFilter(TokenStream in) {
      super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      int n = term.length();
      char[] b = term.buffer();
      if (n >= 4 && b[n - 1] == 'e' && b[n - 2] == 's') {
        term.setLength(n - 1);
      }
      return true;
    }
  }

  /** The analysis chain described in the class comment. */
  private static final class Chain extends Analyzer {
    private final boolean spanish;

    Chain(boolean spanish) {
      this.spanish = spanish;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream ts = new EnglishPossessiveFilter(source);
      ts = new LowerCaseFilter(ts);
      ts = new ASCIIFoldingFilter(ts);
      ts = new StopFilter(ts, STOP_WORDS);
      ts = spanish ? new FinalSeFilter(new SpanishPluralStemFilter(ts)) : new EnglishMinimalStemFilter(new KStemFilter(ts));
      return new TokenStreamComponents(source, ts);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }
  }
}
