package com.ngx.agent.internal.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  private static final int MAX_LENGTH = Chunker.MAX_CHARS + Chunker.MIN_TAIL_CHARS;

  /** A paragraph of {@code sentences} distinct sentences of 60–140 characters. */
  private static String paragraph(Random random, int id, int sentences) {
    List<String> out = new ArrayList<>();
    for (int s = 0; s < sentences; s++) {
      StringBuilder sentence = new StringBuilder("Fact " + id + "." + s + " says that");
      int words = 8 + random.nextInt(14);
      for (int w = 0; w < words; w++) {
        sentence.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
      }
      out.add(sentence.append('.').toString());
    }
    return String.join(" ", out);
  }

  private static final String[] WORDS = {
    "members", "gym", "classes", "price", "monthly", "yoga", "towels", "parking", "cancel", "freeze",
    "trainer", "session", "opening", "hours", "discount", "students", "family", "weekend", "sauna", "pool"
  };

  @Test
  void shortSectionsMakeOnePassageEachWithTheirHeadingAndPage() {
    List<Chunk> chunks =
        Chunker.chunk(List.of(new Section("Prices", null, "Basic is $29."), new Section(null, 4, "Page four.\n\nSecond paragraph.")));

    assertEquals(
        List.of(new Chunk(0, "Basic is $29.", "Prices", null), new Chunk(1, "Page four.\n\nSecond paragraph.", null, 4)), chunks);
  }

  @Test
  void longSectionsAreCutAtSentenceEndsWithinTheSizeLimitsWithOneSentenceOverlap() {
    Random random = new Random(42);
    List<String> paragraphs = new ArrayList<>();
    for (int p = 0; p < 12; p++) {
      paragraphs.add(paragraph(random, p, 1 + random.nextInt(6)));
    }
    String text = String.join("\n\n", paragraphs);

    List<Chunk> chunks = Chunker.chunk(List.of(new Section("Rules", 2, text)));

    assertTrue(chunks.size() >= 5, "chunks: " + chunks.size());
    System.out.println("passage lengths: " + chunks.stream().map(c -> c.text().length()).toList() + " of " + text.length());
    Set<String> sentences = new HashSet<>();
    for (int i = 0; i < chunks.size(); i++) {
      Chunk c = chunks.get(i);
      assertEquals(i, c.ordinal());
      assertEquals("Rules", c.heading());
      assertEquals(2, c.page());
      assertTrue(c.text().length() <= MAX_LENGTH, "chunk " + i + " has " + c.text().length() + " characters");
      if (i < chunks.size() - 1) {
        assertTrue(c.text().length() >= Chunker.MIN_CHARS - 150, "chunk " + i + " has only " + c.text().length() + " characters");
      }
      assertTrue(c.text().startsWith("Fact "), "starts at a sentence: " + c.text());
      assertTrue(c.text().endsWith("."), "ends at a sentence: " + c.text());
      sentences.addAll(Texts.sentences(c.text().replace("\n\n", "\n")));
      if (i > 0) {
        // the next passage repeats the previous one's last sentence
        List<String> previous = Texts.sentences(chunks.get(i - 1).text().replace("\n\n", "\n"));
        String last = previous.get(previous.size() - 1);
        assertTrue(c.text().startsWith(last), "chunk " + i + " should start with \"" + last + "\": " + c.text());
      }
    }
    // nothing is lost
    for (String paragraph : paragraphs) {
      for (String sentence : Texts.sentences(paragraph)) {
        assertTrue(sentences.contains(sentence), "lost: " + sentence);
      }
    }
  }

  @Test
  void aPassageEndsAtAParagraphEndOnceItIsLongEnough() {
    Random random = new Random(7);
    String first = paragraph(random, 1, 7); // about 700 characters: over the minimum
    String second = paragraph(random, 2, 3);
    assertTrue(first.length() >= Chunker.MIN_CHARS && first.length() <= Chunker.MAX_CHARS, "fixture: " + first.length());

    List<Chunk> chunks = Chunker.chunk(List.of(new Section(null, null, first + "\n\n" + second)));

    assertEquals(2, chunks.size());
    assertEquals(first, chunks.get(0).text());
    List<String> firstSentences = Texts.sentences(first);
    assertEquals(firstSentences.get(firstSentences.size() - 1) + "\n\n" + second, chunks.get(1).text());
  }

  @Test
  void aHugeParagraphWithoutPunctuationIsCutBetweenWords() {
    Random random = new Random(3);
    StringBuilder s = new StringBuilder();
    while (s.length() < 5_000) {
      s.append(WORDS[random.nextInt(WORDS.length)]).append(s.length() % 7 == 0 ? ", " : " ");
    }
    String text = s.toString().strip();
    Set<String> words = Set.of(WORDS);

    List<Chunk> chunks = Chunker.chunk(List.of(new Section(null, null, text)));

    assertTrue(chunks.size() >= 6, "chunks: " + chunks.size());
    StringBuilder rebuilt = new StringBuilder();
    for (Chunk c : chunks) {
      assertTrue(c.text().length() <= Chunker.MAX_CHARS || c == chunks.get(chunks.size() - 1) && c.text().length() <= MAX_LENGTH, "length " + c.text().length());
      for (String w : c.text().split("[ ,]+")) {
        assertTrue(words.contains(w), "cut inside a word: " + w);
      }
      rebuilt.append(c.text()).append(' ');
    }
    // pieces longer than the overlap limit are not repeated: the passages are the text, in order
    assertEquals(text.replaceAll("\\s+", " "), rebuilt.toString().strip().replaceAll("\\s+", " "));
  }

  @Test
  void onlyAWordLongerThanAPassageIsCutInside() {
    String blob = "x".repeat(2_000);

    List<Chunk> chunks = Chunker.chunk(List.of(new Section(null, null, "Before. " + blob + " after.")));

    assertEquals(String.join("", chunks.stream().map(Chunk::text).toList()).replace(" ", "").length(), ("Before." + blob + "after.").length());
    chunks.forEach(c -> assertTrue(c.text().length() <= Chunker.MAX_CHARS, "length " + c.text().length()));
  }

  @Test
  void aTinyLastPieceIsMergedIntoThePassageBefore() {
    Random random = new Random(11);
    String body = paragraph(random, 1, 12);
    String tail = "Thanks.";
    List<String> bodyPassages = Chunker.split(body);

    List<String> passages = Chunker.split(body + " " + tail);

    assertEquals(bodyPassages.size(), passages.size(), "no passage of its own for the tail");
    assertTrue(passages.get(passages.size() - 1).endsWith(" " + tail));
    assertTrue(passages.get(passages.size() - 1).length() <= MAX_LENGTH);
  }

  @Test
  void sectionsAreNeverMerged() {
    List<Chunk> chunks =
        Chunker.chunk(
            List.of(new Section(null, 1, "Page one ends here."), new Section(null, 2, "Page two."), new Section("Fees", 2, "No fee.")));

    assertEquals(List.of(1, 2, 2), chunks.stream().map(Chunk::page).toList());
    assertEquals(List.of("Page one ends here.", "Page two.", "No fee."), chunks.stream().map(Chunk::text).toList());
  }

  @Test
  void theEmbeddingTextCarriesTheTitleAndHeading() {
    Chunk c = new Chunk(0, "Basic is $29.", "Plans › Basic", null);
    assertEquals("Prices\nPlans › Basic\nBasic is $29.", c.embeddingText("Prices"));
    assertEquals("Basic is $29.", new Chunk(0, "Basic is $29.", null, null).embeddingText(null));
  }
}
