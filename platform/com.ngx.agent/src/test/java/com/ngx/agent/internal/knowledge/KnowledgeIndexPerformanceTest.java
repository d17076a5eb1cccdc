package com.ngx.agent.internal.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.ngx.agent.internal.RealEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * How long building and searching take at realistic sizes: printed, not asserted (machines differ).
 * The vectors are real embeddings of the gym passages, reused: their values do not change the cost
 * of building or of the brute-force scan, and embedding 10,000 texts would only time the model.
 * The passages are made of ten recurring sentences, so every question's words match thousands of
 * them: the worst case for the full-text side.
 */
class KnowledgeIndexPerformanceTest {
  private static final String[] SENTENCES = {
    "Members can book group classes in the app up to seven days ahead.",
    "The Premium plan includes unlimited classes, the sauna and a quarterly body scan.",
    "Cancellations need thirty days notice after the minimum term of three months.",
    "Students with a valid card get twenty percent off any monthly plan.",
    "A frozen membership costs five dollars per month for up to three months a year.",
    "Los socios tienen aparcamiento gratuito durante tres horas en el centro comercial.",
    "El servicio de toallas cuesta tres euros al mes y se añade a la cuota mensual.",
    "Personal trainers design an exercise plan around your goals and your schedule.",
    "The pool is open from ten in the morning to eight in the evening in summer.",
    "Guests must be over eighteen and show an identity document at the desk."
  };

  private static List<IndexedChunk> chunks(int n) {
    List<IndexedChunk> base = GymKnowledge.chunks();
    Random random = new Random(1);
    List<IndexedChunk> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      StringBuilder text = new StringBuilder("Branch ").append(i).append('.');
      while (text.length() < 700) {
        text.append(' ').append(SENTENCES[random.nextInt(SENTENCES.length)]);
      }
      IndexedChunk like = base.get(i % base.size());
      String doc = "doc-" + (i / 20);
      out.add(new IndexedChunk("c" + i, doc, "Document " + doc, i % 5 == 0 ? "es" : "en", "Section " + (i % 7), null, text.toString(), like.vector()));
    }
    return out;
  }

  @Test
  void buildAndSearchTimes() {
    List<String> questions =
        List.of("How much is the Premium plan?", "Can I freeze my membership?", "¿Cuánto cuestan las toallas?",
            "When is the pool open?", "What's the weather in Paris?", "Do students get a discount?",
            "How do I cancel?", "¿Hay aparcamiento gratis?", "Can I bring a guest?", "personal trainer plan");
    List<float[]> vectors = questions.stream().map(RealEmbedder.get()::embed).toList();

    for (int n : new int[] {2_000}) {
      List<IndexedChunk> chunks = chunks(n);
      long cold = System.nanoTime();
      KnowledgeIndex.build(chunks).close();
      double coldMs = (System.nanoTime() - cold) / 1e6;
      int builds = 1;
      long warm = System.nanoTime();
      for (int i = 0; i < builds; i++) {
        KnowledgeIndex.build(chunks).close();
      }
      double warmMs = (System.nanoTime() - warm) / 1e6 / builds;

      try (KnowledgeIndex index = KnowledgeIndex.build(chunks)) {
        assertEquals(n, index.chunkCount());
        for (int i = 0; i < 100; i++) { // warm-up (JIT)
          index.search(questions.get(i % questions.size()), vectors.get(i % questions.size()), 5);
        }
        int searches = 100;
        long t = System.nanoTime();
        for (int i = 0; i < searches; i++) {
          assertFalse(index.search(questions.get(i % questions.size()), vectors.get(i % questions.size()), 5).isEmpty());
        }
        double searchMs = (System.nanoTime() - t) / 1e6 / searches;
        t = System.nanoTime();
        for (int i = 0; i < searches; i++) {
          index.answer(questions.get(i % questions.size()), vectors.get(i % questions.size()));
        }
        double answerMs = (System.nanoTime() - t) / 1e6 / searches;
        System.out.printf(
            "KnowledgeIndex with %,d passages: build %.0f ms (first, cold JVM) / %.0f ms (mean of %d), search %.3f ms, answer %.3f ms (means of %,d)%n",
            n, coldMs, warmMs, builds, searchMs, answerMs, searches);
      }
    }
  }
}
