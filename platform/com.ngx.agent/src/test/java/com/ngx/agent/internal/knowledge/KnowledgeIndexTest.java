package com.ngx.agent.internal.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ngx.agent.internal.RealEmbedder;
import com.ngx.agent.internal.knowledge.KnowledgeIndex.Answer;
import com.ngx.agent.internal.knowledge.KnowledgeIndex.Source;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The hybrid index on a gym's real knowledge base (four documents, EN + ES) with the real model. */
class KnowledgeIndexTest {
  private static List<IndexedChunk> chunks;
  private static KnowledgeIndex index;

  @BeforeAll
  static void build() {
    chunks = GymKnowledge.chunks();
    index = KnowledgeIndex.build(chunks);
  }

  @AfterAll
  static void close() {
    index.close();
  }

  private static float[] vector(String text) {
    return RealEmbedder.get().embed(text);
  }

  private static String describe(String question) {
    StringBuilder s = new StringBuilder(question);
    for (var scored : index.scored(question, vector(question), 5)) {
      Passage p = scored.passage();
      s.append(String.format("%n  %s cos=%.3f cov=%.2f bm25=%.2f rrf=%.4f relevant=%s | %s",
          p.chunkId(), p.cosine(), scored.coverage(), p.bm25(), p.score(), scored.relevant(), p.quote()));
    }
    return s.toString();
  }

  @Test
  void countsDocumentsAndPassages() {
    assertEquals(4, index.size());
    assertEquals(chunks.size(), index.chunkCount());
    assertTrue(index.chunkCount() >= 14, "passages: " + index.chunkCount());
  }

  @ParameterizedTest
  @CsvSource(
      nullValues = "NULL",
      delimiter = '|',
      value = {
        // English questions sharing the documents' words
        "How much is the Premium plan per month?                  | doc-prices | NULL | $49 per month",
        "What time do you open on Sunday?                         | doc-hours  | NULL | Sunday: 9:00 to 18:00",
        "Do students get a discount?                              | doc-prices | NULL | 20% off",
        "Is there a fee to join?                                  | doc-prices | NULL | joining fee of $15",
        "When are the yoga lessons?                               | doc-hours  | NULL | Yoga: Monday and Wednesday",
        // PDF pages are cited
        "How do I cancel my membership?                           | doc-terms  | 2    | cancel your membership at any time",
        "Can I freeze my membership?                              | doc-terms  | 3    | freeze their membership for up to three months",
        "Are there any charges if my payment doesn't go through?  | doc-terms  | 1    | administration charge of $10",
        // Spanish questions against the Spanish document
        "¿Cuánto cuesta una sesión con un entrenador personal?    | doc-es     | NULL | cuesta 35 euros",
        "¿Hay aparcamiento gratis para los socios?                | doc-es     | NULL | aparcamiento gratuito durante tres horas",
        "¿A qué hora cierra el gimnasio en agosto?                | doc-es     | NULL | cierra a las 21:00",
        "¿Cuánto cuesta el servicio de toallas?                   | doc-es     | NULL | toallas cuesta 3 euros"
      })
  void questionsTheDocumentsAnswerGetTheRightSourceAndQuote(String question, String document, Integer page, String quoted) {
    Optional<Answer> answer = index.answer(question, vector(question));

    assertTrue(answer.isPresent(), "no answer for " + describe(question));
    Source first = answer.get().sources().get(0);
    assertEquals(document, first.documentId(), describe(question));
    assertEquals(page, first.page(), describe(question));
    assertTrue(first.quote().contains(quoted), "quote \"" + first.quote() + "\" for " + describe(question));
    assertTrue(answer.get().text().startsWith(first.quote()));
    assertTrue(first.quote().length() <= KnowledgeIndex.MAX_QUOTE_CHARS);
  }

  @Test
  void aParaphraseSharingNoWordIsFoundByMeaning() {
    // "weekend" and "work out" appear nowhere: only the vector ranking can find the opening hours
    String question = "When can I work out at the weekend?";

    Passage best = index.search(question, vector(question), 3).get(0);
    Optional<Answer> answer = index.answer(question, vector(question));

    assertEquals("doc-hours", best.documentId(), describe(question));
    assertEquals("Gym floor", best.heading());
    assertEquals(0.0, best.bm25(), "no word in common");
    assertTrue(answer.isPresent(), describe(question));
    // with no word to go by, the quote is the passage from its start: the whole timetable
    assertTrue(answer.get().text().contains("Saturday: 8:00 to 20:00\nSunday: 9:00 to 18:00"), answer.get().text());
  }

  @Test
  void aParaphraseSharingOneCommonWordFindsTheRightPdfPage() {
    // "pause" and "injured" vs "freeze" and "injury"; only "membership", which every page has
    String question = "Can I pause my membership if I get injured?";

    Optional<Answer> answer = index.answer(question, vector(question));

    assertTrue(answer.isPresent(), describe(question));
    assertEquals("doc-terms", answer.get().sources().get(0).documentId());
    assertEquals(3, answer.get().sources().get(0).page(), describe(question));
  }

  @Test
  void aSpanishQuestionIsCarriedByTheFullTextRanking() {
    String question = "¿Cuánto cuesta una sesión con un entrenador personal?";

    List<Passage> passages = index.search(question, vector(question), 5);

    Passage best = passages.get(0);
    assertEquals("doc-es#2", best.chunkId());
    assertEquals("Entrenadores personales", best.heading());
    double topBm25 = passages.stream().mapToDouble(Passage::bm25).max().orElseThrow();
    assertEquals(topBm25, best.bm25(), "first in the BM25 ranking: " + describe(question));
    // accents typed or not, singular or plural: the same words
    Passage unaccented = index.search("cuanto cuestan las sesiones con entrenadores", null, 1).get(0);
    assertEquals("doc-es#2", unaccented.chunkId());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "What's the weather in Paris?",
        "Write me a poem",
        "Write me a poem about the sea",
        "Who won the football world cup?",
        "What is the capital of Australia?",
        "How much is a flight to Madrid?",
        "How much does a Netflix subscription cost?",
        "Can I bring my dog?",
        "Do you sell protein shakes?",
        "hello",
        "I want to talk to a person",
        "¿Qué tiempo hace hoy en Madrid?",
        "Escríbeme un poema",
        "¿Quién ganó el mundial de fútbol?",
        "¿Cuál es la capital de Australia?",
        "Hola, buenos días",
        "Quiero hablar con una persona",
        "¿Cuánto cuesta un billete de avión a Londres?"
      })
  void unrelatedQuestionsGetNoAnswer(String question) {
    assertEquals(Optional.empty(), index.answer(question, vector(question)), describe(question));
  }

  @Test
  void aSecondDocumentIsQuotedOnlyWhenNearlyAsRelevant() {
    // "cancel" also matches "cancel your booking" of the classes page, far weaker in meaning
    Answer answer = index.answer("How do I cancel my membership?", vector("How do I cancel my membership?")).orElseThrow();
    assertEquals(1, answer.sources().size(), answer.toString());
  }

  @Test
  void rankingIsTheReciprocalRankFusionOfBothRankings() {
    String question = "How much does the premium membership cost?";

    List<Passage> all = index.search(question, vector(question), index.chunkCount());

    assertEquals(index.chunkCount(), all.size(), "fewer passages than the fusion depth: all are ranked");
    Map<String, Integer> vectorRank = ranks(all, Comparator.comparingDouble(Passage::cosine).reversed(), p -> true);
    Map<String, Integer> textRank = ranks(all, Comparator.comparingDouble(Passage::bm25).reversed(), p -> p.bm25() > 0);
    assertTrue(textRank.size() >= 3 && textRank.size() < all.size(), "some passages match words, not all");
    for (Passage p : all) {
      double expected = 1.0 / (KnowledgeIndex.RRF_K + vectorRank.get(p.chunkId()));
      if (textRank.containsKey(p.chunkId())) {
        expected += 1.0 / (KnowledgeIndex.RRF_K + textRank.get(p.chunkId()));
      }
      assertEquals(expected, p.score(), 1e-9, p.chunkId());
    }
    for (int i = 1; i < all.size(); i++) {
      assertTrue(all.get(i - 1).score() >= all.get(i).score(), "sorted by fused score");
    }
    // a passage both rankings like beats the first of only one ranking
    Passage both = all.stream().filter(p -> textRank.containsKey(p.chunkId())).findFirst().orElseThrow();
    Passage vectorOnly = all.stream().filter(p -> !textRank.containsKey(p.chunkId())).findFirst().orElseThrow();
    assertTrue(all.indexOf(both) < all.indexOf(vectorOnly));
    // the limit keeps the best
    assertEquals(all.subList(0, 3), index.search(question, vector(question), 3));
  }

  private static Map<String, Integer> ranks(List<Passage> passages, Comparator<Passage> order, java.util.function.Predicate<Passage> in) {
    List<Passage> sorted = new ArrayList<>(passages.stream().filter(in).toList());
    sorted.sort(order);
    Map<String, Integer> rank = new HashMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      rank.put(sorted.get(i).chunkId(), i + 1);
    }
    return rank;
  }

  @Test
  void searchesWithoutVectorsBlankQueriesAndEmptyIndexes() {
    // no vector: full text only, cosines 0
    List<Passage> textOnly = index.search("sauna", null, 5);
    assertEquals("doc-prices#1", textOnly.get(0).chunkId());
    assertEquals(0.0, textOnly.get(0).cosine());
    assertTrue(textOnly.stream().allMatch(p -> p.bm25() > 0));
    // stop words only and no vector, blank, null, or no room: nothing
    assertEquals(List.of(), index.search("what is the", null, 5));
    assertEquals(List.of(), index.search("   ", new float[384], 5));
    assertEquals(List.of(), index.search(null, null, 5));
    assertEquals(List.of(), index.search("sauna", null, 0));
    assertEquals(Optional.empty(), index.answer("", null));
    // a vector of another model is a programming error
    assertThrows(IllegalArgumentException.class, () -> index.search("sauna", new float[12], 5));
    try (KnowledgeIndex empty = KnowledgeIndex.empty()) {
      assertEquals(0, empty.size());
      assertEquals(0, empty.chunkCount());
      assertEquals(List.of(), empty.search("sauna", vector("sauna"), 5));
      assertEquals(Optional.empty(), empty.answer("sauna", vector("sauna")));
    }
  }

  @Test
  void vectorsOfDifferentLengthsAreRejected() {
    IndexedChunk a = new IndexedChunk("a", "d", "D", "en", null, null, "One.", new float[384]);
    IndexedChunk b = new IndexedChunk("b", "d", "D", "en", null, null, "Two.", new float[10]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KnowledgeIndex.build(List.of(a, b)));
    assertEquals("chunk b has a vector of 10 dimensions, not 384", e.getMessage());
  }

  @Test
  void passagesCarryTheirCitation() {
    Passage p = index.search("cancellation form", null, 1).get(0);
    assertEquals("doc-terms#1", p.chunkId());
    assertEquals("doc-terms", p.documentId());
    assertEquals("Membership terms", p.documentName());
    assertEquals(2, p.page());
    assertEquals("Cancelling your membership", p.heading());
    assertTrue(p.text().contains(p.quote()));
    assertTrue(p.quote().contains("cancellation form"), p.quote());
    assertNull(index.search("sauna", null, 1).get(0).page());
  }

  @Test
  void concurrentSearchesReturnWhatOneThreadGets() throws Exception {
    List<String> questions =
        List.of("How much is the Premium plan per month?", "What time do you open on Sunday?", "How do I cancel my membership?",
            "¿Hay aparcamiento gratis para los socios?", "Write me a poem", "When can I work out at the weekend?");
    Map<String, List<Passage>> expected = new HashMap<>();
    Map<String, Optional<Answer>> expectedAnswers = new HashMap<>();
    Map<String, float[]> vectors = new HashMap<>();
    for (String q : questions) {
      vectors.put(q, vector(q));
      expected.put(q, index.search(q, vectors.get(q), 5));
      expectedAnswers.put(q, index.answer(q, vectors.get(q)));
    }
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int offset = t;
        results.add(pool.submit(() -> {
          start.await();
          int checked = 0;
          for (int i = 0; i < 300; i++) {
            String q = questions.get((i + offset) % questions.size());
            assertEquals(expected.get(q), index.search(q, vectors.get(q), 5));
            assertEquals(expectedAnswers.get(q), index.answer(q, vectors.get(q)));
            checked++;
          }
          return checked;
        }));
      }
      start.countDown();
      for (Future<Integer> f : results) {
        assertEquals(300, f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closingWhileSearchingLetsRunningSearchesFinishAndRefusesNewOnes() throws Exception {
    KnowledgeIndex own = KnowledgeIndex.build(chunks);
    float[] v = vector("sauna prices");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Integer> completed = new ConcurrentLinkedQueue<>();
    try {
      for (int t = 0; t < 4; t++) {
        pool.submit(() -> {
          while (!stop.get()) {
            try {
              completed.add(own.search("sauna prices", v, 5).size());
            } catch (IllegalStateException closed) {
              return; // after close: the expected refusal
            } catch (Throwable e) {
              unexpected.add(e);
              return;
            }
          }
        });
      }
      while (completed.size() < 200) {
        Thread.onSpinWait();
      }
      own.close();
      own.close(); // idempotent
      stop.set(true);
      pool.shutdown();
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of(), List.copyOf(unexpected));
    assertTrue(completed.stream().allMatch(n -> n == 5));
    assertEquals("the knowledge index is closed", assertThrows(IllegalStateException.class, () -> own.search("sauna", v, 5)).getMessage());
    assertThrows(IllegalStateException.class, () -> own.answer("sauna", v));
  }

  @Test
  void topKeepsTheHighestScoresBestFirstTiesByPosition() {
    double[] scores = {0.1, 0.9, 0.3, 0.9, -0.2, 0.5, 0.3};
    assertEquals(List.of(1, 3, 5), Arrays.stream(KnowledgeIndex.top(scores, 3)).boxed().toList());
    assertEquals(List.of(1, 3, 5, 2, 6, 0, 4), Arrays.stream(KnowledgeIndex.top(scores, 7)).boxed().toList());
    Random random = new Random(5);
    double[] many = random.doubles(5_000).toArray();
    List<Integer> expected = IntStream.range(0, many.length).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -many[i]).thenComparingInt(i -> i)).limit(100).toList();
    assertEquals(expected, Arrays.stream(KnowledgeIndex.top(many, 100)).boxed().toList());
  }

  @Test
  void relevanceThresholds() {
    // strong meaning alone
    assertTrue(KnowledgeIndex.isRelevant(0.45, 0, "en"));
    assertFalse(KnowledgeIndex.isRelevant(0.44, 0.40, "en"));
    // most words, and not another subject entirely
    assertTrue(KnowledgeIndex.isRelevant(0.25, 0.75, null));
    assertFalse(KnowledgeIndex.isRelevant(0.20, 1.0, "en"));
    // some of both
    assertTrue(KnowledgeIndex.isRelevant(0.42, 0.45, "en-GB"));
    // the same cosines are not enough in Spanish, where the model sees every text as similar
    assertFalse(KnowledgeIndex.isRelevant(0.50, 0.0, "es"));
    assertTrue(KnowledgeIndex.isRelevant(0.55, 0.0, "es-MX"));
  }
}
