package com.ngx.agent.internal.knowledge;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.VectorUtil;

/**
 * The searchable knowledge base of one agent: an immutable, in-memory hybrid index of its passages.
 *
 * <p><b>Full text</b>: a Lucene index in a {@code ByteBuffersDirectory}, BM25 similarity, one field
 * analysed for English and Spanish alike (see {@link BilingualAnalysis}: Unicode tokens, lower case,
 * accents folded, stop words of both languages, plural stemming by the passage's language); the
 * field holds the document name, the heading path and the text. The reader is opened once, when the
 * index is built.
 *
 * <p><b>Vectors</b>: the passages' embeddings in one flat array, scored by brute-force dot products
 * (Lucene's {@code VectorUtil}; vectors are normalised, so dot product = cosine). A knowledge base
 * has at most some thousands of passages: scoring 10,000 of 384 dimensions takes a millisecond or
 * two, exactly, with nothing to build, so Lucene's approximate KNN (HNSW) would only add build time
 * and recall loss at this size.
 *
 * <p><b>Hybrid ranking</b>: reciprocal-rank fusion of the two rankings, {@code score = Σ 1/(}{@value
 * #RRF_K}{@code + rank)} over the rankings (top {@value #RRF_DEPTH} of each) a passage appears in.
 * Ranks, not scores, are fused, so BM25's unbounded scores and cosines need no calibration, and a
 * passage both rankings like beats one only a single ranking puts first.
 *
 * <p><b>Answers</b>: {@link #answer} answers only when a passage is relevant enough on its own
 * merits, judged by its cosine and by its <i>coverage</i>, the IDF-weighted share of the question's
 * words it contains (a word absent from the whole knowledge base counts with the highest IDF, so
 * "prices of Netflix" is not covered by the gym's prices). See {@link #isRelevant(double, double,
 * String)} for the thresholds.
 *
 * <p>Thread-safe: any number of threads may search at once. {@link #close()} may be called while
 * searches run: they finish, and the memory is released after the last one; searches that start
 * after {@code close()} throw {@link IllegalStateException}. Swap indexes with an {@code
 * AtomicReference} and close the old one.
 */
public final class KnowledgeIndex implements Closeable {
  /** The rank offset of reciprocal-rank fusion (the value of the original paper). */
  public static final int RRF_K = 60;

  /** How deep each ranking takes part in the fusion. */
  public static final int RRF_DEPTH = 100;

  /** A passage this close to the question (cosine) is relevant whatever its words. */
  public static final double STRONG_COSINE = 0.45;

  /** A passage covering this share of the question's words (IDF-weighted) is relevant… */
  public static final double STRONG_COVERAGE = 0.75;

  /** …unless its cosine is below this: then the words match but the subject is another. */
  public static final double COVERAGE_MIN_COSINE = 0.25;

  /** A passage this close to the question (cosine) is relevant if it also has {@link #WEAK_COVERAGE}. */
  public static final double WEAK_COSINE = 0.42;

  /** The coverage that, with {@link #WEAK_COSINE}, makes a passage relevant. */
  public static final double WEAK_COVERAGE = 0.45;

  /**
   * Added to every cosine threshold for passages not in English: the embedding model is
   * English-centric and places any two Spanish texts about 0.4 apart, whatever they say (a Spanish
   * question about the weather scores 0.49 against a Spanish passage about lockers).
   */
  public static final double NON_ENGLISH_COSINE_MARGIN = 0.10;

  /** A second document is quoted only if its cosine is at most this far below the first's. */
  public static final double SECOND_SOURCE_MAX_GAP = 0.05;

  /** The longest quote, in characters. */
  public static final int MAX_QUOTE_CHARS = 400;

  /**
   * An answer to a question taken from the knowledge base: the quoted sentences and their sources.
   *
   * @param text what to say: the best passage's quote, followed by a second document's quote when
   *     that one is relevant too
   * @param sources one source per quote, in the same order (one or two)
   */
  public record Answer(String text, List<Source> sources) {
    public Answer {
      sources = List.copyOf(sources);
    }
  }

  /**
   * A citation of an {@link Answer}: where the quoted text comes from.
   *
   * @param documentId the document's identifier
   * @param documentName the document's display name
   * @param page the 1-based PDF page, or {@code null}
   * @param quote the sentences quoted from it
   */
  public record Source(String documentId, String documentName, Integer page, String quote) {}

  static final String FIELD = "text";
  private static final String ORDINAL = "ord";
  /** The extension of a document named after its file ("prices.pdf"). */
  private static final Pattern FILE_EXTENSION =
      Pattern.compile("\\.(?i:txt|text|md|markdown|html?|pdf)$");
  private static final int MAX_QUERY_CHARS = 2_000;
  private static final int MAX_QUERY_TERMS = 64;
  /** How many fused passages {@link #answer} considers. */
  private static final int ANSWER_CANDIDATES = 5;
  /** A sentence shorter than this ("Prices:") is quoted together with the next one. */
  private static final int SHORT_SENTENCE = 80;

  private final List<IndexedChunk> chunks;
  private final int dimensions;
  private final float[][] vectors;
  private final int documents;
  private final ByteBuffersDirectory directory;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  /** Lucene document id → position in {@link #chunks}. */
  private final int[] ordinals;
  private final AtomicBoolean closed = new AtomicBoolean();

  private KnowledgeIndex(List<IndexedChunk> chunks) throws IOException {
    this.chunks = List.copyOf(chunks);
    int n = this.chunks.size();
    this.dimensions = n == 0 ? 0 : this.chunks.get(0).vector().length;
    this.vectors = new float[n][];
    Set<String> documentIds = new HashSet<>();
    for (int i = 0; i < n; i++) {
      IndexedChunk c = this.chunks.get(i);
      if (c.vector().length != dimensions) {
        throw new IllegalArgumentException(
            "chunk " + c.chunkId() + " has a vector of " + c.vector().length + " dimensions, not " + dimensions);
      }
      vectors[i] = c.vector().clone();
      documentIds.add(c.documentId());
    }
    this.documents = documentIds.size();

    this.directory = new ByteBuffersDirectory();
    IndexWriterConfig config =
        new IndexWriterConfig(BilingualAnalysis.ENGLISH)
            // the default codec of this Lucene, named so that bnd embeds it: Lucene finds codecs
            // through ServiceLoader, and -conditionalpackage follows class references only
            .setCodec(new Lucene912Codec())
            .setSimilarity(new BM25Similarity())
            .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
            .setRAMBufferSizeMB(256) // one segment: no flush, no merge while building
            .setMergePolicy(NoMergePolicy.INSTANCE)
            .setUseCompoundFile(false);
    try (IndexWriter writer = new IndexWriter(directory, config)) {
      for (int i = 0; i < n; i++) {
        IndexedChunk c = this.chunks.get(i);
        Document doc = new Document();
        doc.add(new StoredField(ORDINAL, i));
        // analysed with the passage's language: the writer's analyzer is only the default
        doc.add(new Field(FIELD, BilingualAnalysis.forLanguage(c.language()).tokenStream(FIELD, indexText(c)), TextField.TYPE_NOT_STORED));
        writer.addDocument(doc);
      }
      writer.commit();
    }
    this.reader = DirectoryReader.open(directory);
    reader.getReaderCacheHelper().addClosedListener(key -> directory.close());
    this.searcher = new IndexSearcher(reader);
    searcher.setSimilarity(new BM25Similarity());
    this.ordinals = new int[reader.maxDoc()];
    StoredFields stored = reader.storedFields();
    for (int doc = 0; doc < ordinals.length; doc++) {
      ordinals[doc] = stored.document(doc).getField(ORDINAL).numericValue().intValue();
    }
  }

  /**
   * Builds the index of {@code chunks} (all with vectors of the same length).
   *
   * @throws IllegalArgumentException when vectors differ in length
   */
  public static KnowledgeIndex build(List<IndexedChunk> chunks) {
    try {
      return new KnowledgeIndex(chunks);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory directory
    }
  }

  /** An index without passages: searches find nothing, answers are empty. */
  public static KnowledgeIndex empty() {
    return build(List.of());
  }

  /**
   * The text whose embedding is a passage's vector: its document's title or name and its heading
   * path (context the passage often lacks), then the passage. Use the same for every passage.
   */
  public static String embeddingText(String documentTitle, String heading, String text) {
    StringBuilder s = new StringBuilder();
    if (documentTitle != null && !documentTitle.isBlank()) {
      s.append(documentTitle.strip()).append('\n');
    }
    if (heading != null && !heading.isBlank()) {
      s.append(heading.strip()).append('\n');
    }
    return s.append(text).toString();
  }

  /** The number of documents (distinct document ids) in the index. */
  public int size() {
    return documents;
  }

  /** The number of passages in the index. */
  public int chunkCount() {
    return chunks.size();
  }

  /**
   * The passages that best answer {@code query}, best first, by reciprocal-rank fusion of the BM25
   * ranking and the vector ranking.
   *
   * @param query the question as typed
   * @param queryVector the question's embedding (same model as the passages'), or {@code null} to
   *     rank by full text only
   * @param limit the most passages to return
   * @return at most {@code limit} passages; only passages that match at least one word or are
   *     among the {@value #RRF_DEPTH} nearest vectors
   * @throws IllegalArgumentException when {@code queryVector} has the wrong length
   * @throws IllegalStateException when the index is closed
   */
  public List<Passage> search(String query, float[] queryVector, int limit) {
    return withReader(() -> hits(query, queryVector, limit).stream().map(Hit::passage).toList());
  }

  /** A passage with its coverage of the question, for tests and diagnostics. */
  record Scored(Passage passage, double coverage, boolean relevant) {}

  /** Like {@link #search}, with each passage's coverage and whether it is relevant enough. */
  List<Scored> scored(String query, float[] queryVector, int limit) {
    return withReader(
        () -> hits(query, queryVector, limit).stream()
            .map(h -> new Scored(h.passage(), h.coverage, isRelevant(h)))
            .toList());
  }

  /**
   * An answer to {@code query} from the knowledge base, only when a passage is relevant enough
   * ({@link #isRelevant(double, double, String)}): the quote of the best relevant passage, and a
   * second document's quote when one of the next passages, from another document, is relevant too
   * and nearly as close to the question (cosine at most {@value #SECOND_SOURCE_MAX_GAP} lower).
   *
   * @param query the question as typed
   * @param queryVector the question's embedding, or {@code null}
   * @return the answer with its sources, or empty when the knowledge base does not answer it
   * @throws IllegalStateException when the index is closed
   */
  public Optional<Answer> answer(String query, float[] queryVector) {
    return withReader(
        () -> {
          Hit first = null;
          Hit second = null;
          for (Hit h : hits(query, queryVector, ANSWER_CANDIDATES)) {
            if (!isRelevant(h)) {
              continue;
            }
            if (first == null) {
              first = h;
            } else if (!h.chunk().documentId().equals(first.chunk().documentId())
                && h.cosine >= first.cosine - SECOND_SOURCE_MAX_GAP) {
              second = h;
              break;
            }
          }
          if (first == null) {
            return Optional.empty();
          }
          List<Source> sources = new ArrayList<>();
          sources.add(first.source());
          String text = first.quote;
          if (second != null) {
            sources.add(second.source());
            text = text + "\n\n" + second.quote;
          }
          return Optional.of(new Answer(text, sources));
        });
  }

  /**
   * Whether a passage answers a question, from its cosine similarity to the question and its
   * coverage of the question's words: cosine ≥ {@value #STRONG_COSINE} (same meaning, whatever the
   * words); or coverage ≥ {@value #STRONG_COVERAGE} with cosine ≥ {@value #COVERAGE_MIN_COSINE}
   * (nearly all the question's significant words, for wording the model knows badly); or cosine ≥
   * {@value #WEAK_COSINE} with coverage ≥ {@value #WEAK_COVERAGE}. For passages not in English the
   * cosine thresholds are {@value #NON_ENGLISH_COSINE_MARGIN} higher.
   *
   * <p>Tuned with the product's model (all-MiniLM-L6-v2) on a gym's knowledge base (see the tests):
   * questions the documents answer score cosine 0.45–0.80 or coverage 1, paraphrases sharing no
   * word with the passage 0.47–0.50; unrelated English questions ("what's the weather in Paris",
   * "write me a poem", "how much does a Netflix subscription cost") stay at or below 0.41 and are
   * barely covered; unrelated Spanish questions reach 0.49 against Spanish passages, hence the
   * margin. A question about a subject the knowledge base does not know, asked with its own
   * predicate ("what time does the supermarket close?" against a gym's opening hours, cosine 0.40
   * and coverage 0.53), sits right at the boundary: thresholds cannot tell it from a paraphrase.
   *
   * @param cosine the passage's cosine similarity to the question
   * @param coverage the IDF-weighted share of the question's words the passage contains, 0–1
   * @param language the passage's language, or {@code null} (English)
   */
  public static boolean isRelevant(double cosine, double coverage, String language) {
    double c = isEnglish(language) ? cosine : cosine - NON_ENGLISH_COSINE_MARGIN;
    return c >= STRONG_COSINE
        || (coverage >= STRONG_COVERAGE && c >= COVERAGE_MIN_COSINE)
        || (c >= WEAK_COSINE && coverage >= WEAK_COVERAGE);
  }

  private boolean isRelevant(Hit h) {
    return isRelevant(h.cosine, h.coverage, h.chunk().language());
  }

  private static boolean isEnglish(String language) {
    return language == null || language.isBlank() || language.toLowerCase(Locale.ROOT).startsWith("en");
  }

  /** Closes the index; see the class comment for searches running meanwhile. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        reader.decRef();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  // ---- internals -------------------------------------------------------------------------------

  private interface Work<T> {
    T run() throws IOException;
  }

  /** Runs {@code work} holding a reference on the reader, so a concurrent close waits for it. */
  private <T> T withReader(Work<T> work) {
    if (closed.get() || !reader.tryIncRef()) {
      throw new IllegalStateException("the knowledge index is closed");
    }
    try {
      return work.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      try {
        reader.decRef();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The text indexed for a passage: document name, heading path and text. */
  private static String indexText(IndexedChunk c) {
    StringBuilder s = new StringBuilder();
    if (c.documentName() != null) {
      s.append(FILE_EXTENSION.matcher(c.documentName()).replaceFirst("").replace('_', ' ').replace('-', ' ')).append('\n');
    }
    if (c.heading() != null) {
      s.append(c.heading()).append('\n');
    }
    return s.append(c.text()).toString();
  }

  /** One fused result. */
  private final class Hit {
    final int ord;
    final double fused;
    final double cosine;
    final double bm25;
    double coverage;
    String quote;

    Hit(int ord, double fused, double cosine, double bm25) {
      this.ord = ord;
      this.fused = fused;
      this.cosine = cosine;
      this.bm25 = bm25;
    }

    IndexedChunk chunk() {
      return chunks.get(ord);
    }

    Passage passage() {
      IndexedChunk c = chunk();
      return new Passage(c.chunkId(), c.documentId(), c.documentName(), c.page(), c.heading(), c.text(), quote, fused, cosine, bm25);
    }

    Source source() {
      IndexedChunk c = chunk();
      return new Source(c.documentId(), c.documentName(), c.page(), quote);
    }
  }

  private List<Hit> hits(String query, float[] queryVector, int limit) throws IOException {
    int n = chunks.size();
    if (limit <= 0 || n == 0 || query == null) {
      return List.of();
    }
    String q = query.length() > MAX_QUERY_CHARS ? query.substring(0, MAX_QUERY_CHARS) : query;
    List<Set<String>> words = BilingualAnalysis.queryTerms(q);
    if (words.size() > MAX_QUERY_TERMS) {
      words = words.subList(0, MAX_QUERY_TERMS);
    }
    boolean useVector = usable(queryVector);
    if (words.isEmpty() && !useVector) {
      return List.of();
    }

    // full-text ranking (ranks from 1; 0 = not in the ranking)
    double[] bm25 = new double[n];
    int[] textRank = new int[n];
    List<Integer> candidates = new ArrayList<>();
    if (!words.isEmpty()) {
      BooleanQuery.Builder bq = new BooleanQuery.Builder();
      for (Set<String> variants : words) {
        bq.add(termQuery(variants), BooleanClause.Occur.SHOULD);
      }
      ScoreDoc[] top = searcher.search(bq.build(), RRF_DEPTH).scoreDocs;
      for (int r = 0; r < top.length; r++) {
        int ord = ordinals[top[r].doc];
        bm25[ord] = top[r].score;
        textRank[ord] = r + 1;
        candidates.add(ord);
      }
    }

    // vector ranking
    double[] cosine = new double[n];
    int[] vectorRank = new int[n];
    if (useVector) {
      for (int i = 0; i < n; i++) {
        cosine[i] = VectorUtil.dotProduct(vectors[i], queryVector);
      }
      int[] order = top(cosine, Math.min(RRF_DEPTH, n));
      for (int r = 0; r < order.length; r++) {
        vectorRank[order[r]] = r + 1;
        if (textRank[order[r]] == 0) {
          candidates.add(order[r]);
        }
      }
    }

    // reciprocal-rank fusion
    List<Hit> hits = new ArrayList<>(candidates.size());
    for (int ord : candidates) {
      double fused = 0;
      if (textRank[ord] > 0) {
        fused += 1.0 / (RRF_K + textRank[ord]);
      }
      if (vectorRank[ord] > 0) {
        fused += 1.0 / (RRF_K + vectorRank[ord]);
      }
      hits.add(new Hit(ord, fused, cosine[ord], bm25[ord]));
    }
    hits.sort(
        Comparator.comparingDouble((Hit h) -> -h.fused)
            .thenComparingDouble(h -> -h.cosine)
            .thenComparingDouble(h -> -h.bm25)
            .thenComparingInt(h -> h.ord));
    List<Hit> top = hits.subList(0, Math.min(limit, hits.size()));

    // coverage and quote of the passages returned
    Map<Set<String>, Double> idf = new HashMap<>();
    for (Set<String> variants : words) {
      idf.put(variants, idf(variants));
    }
    for (Hit h : top) {
      quote(h, words, idf);
    }
    return top;
  }

  private static Query termQuery(Set<String> variants) {
    if (variants.size() == 1) {
      return new TermQuery(new Term(FIELD, variants.iterator().next()));
    }
    SynonymQuery.Builder synonyms = new SynonymQuery.Builder(FIELD);
    for (String v : variants) {
      synonyms.addTerm(new Term(FIELD, v));
    }
    return synonyms.build();
  }

  private boolean usable(float[] queryVector) {
    if (queryVector == null || dimensions == 0) {
      return false;
    }
    if (queryVector.length != dimensions) {
      throw new IllegalArgumentException(
          "the query vector has " + queryVector.length + " dimensions, the index " + dimensions);
    }
    for (float x : queryVector) {
      if (x != 0) {
        return true;
      }
    }
    return false; // the embedding of a blank text
  }

  /**
   * The positions of the {@code k} highest scores, highest first (ties: lower position first): a
   * primitive min-heap of the best so far, which most positions fail to enter once it is full.
   */
  static int[] top(double[] score, int k) {
    int[] heap = new int[k]; // heap[0] is the worst of the best
    int size = 0;
    for (int i = 0; i < score.length; i++) {
      if (size < k) {
        heap[size] = i;
        for (int c = size++; c > 0 && worse(score, heap[c], heap[(c - 1) / 2]); c = (c - 1) / 2) {
          swap(heap, c, (c - 1) / 2);
        }
      } else if (worse(score, heap[0], i)) {
        heap[0] = i;
        for (int p = 0; ; ) {
          int l = 2 * p + 1;
          int r = l + 1;
          int w = p;
          if (l < k && worse(score, heap[l], heap[w])) {
            w = l;
          }
          if (r < k && worse(score, heap[r], heap[w])) {
            w = r;
          }
          if (w == p) {
            break;
          }
          swap(heap, p, w);
          p = w;
        }
      }
    }
    int[] out = Arrays.copyOf(heap, size);
    // k is small (the fusion depth): sort the survivors best first
    for (int i = 1; i < out.length; i++) {
      for (int j = i; j > 0 && worse(score, out[j - 1], out[j]); j--) {
        swap(out, j, j - 1);
      }
    }
    return out;
  }

  /** Whether position {@code a} ranks below position {@code b}. */
  private static boolean worse(double[] score, int a, int b) {
    return score[a] < score[b] || (score[a] == score[b] && a > b);
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }

  /** BM25's inverse document frequency of a word (its most frequent stem). */
  private double idf(Set<String> variants) throws IOException {
    long df = 0;
    for (String v : variants) {
      df = Math.max(df, reader.docFreq(new Term(FIELD, v)));
    }
    int docs = reader.numDocs();
    return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
  }

  /**
   * Sets the coverage and quote of a hit: the IDF-weighted share of the question's words in the
   * passage (with its name and heading), and the one or two consecutive sentences whose words match
   * the question best (ties: the first; a short sentence comes with the next one).
   */
  private void quote(Hit h, List<Set<String>> words, Map<Set<String>, Double> idf) {
    IndexedChunk c = h.chunk();
    var analyzer = BilingualAnalysis.forLanguage(c.language());
    double total = 0;
    for (Set<String> w : words) {
      total += idf.get(w);
    }
    Set<String> passageTerms = new HashSet<>(BilingualAnalysis.terms(analyzer, indexText(c)));
    h.coverage = total == 0 ? 0 : matched(words, idf, passageTerms) / total;

    // the passage's sentences, with what separates each from the one before
    List<String> sentences = new ArrayList<>();
    List<String> separators = new ArrayList<>();
    List<Boolean> headingLike = new ArrayList<>();
    for (String paragraph : Texts.PARAGRAPH_BREAK.split(c.text().strip())) {
      String separator = "\n\n";
      String[] lines = paragraph.strip().split("\n");
      for (String line : lines) {
        List<String> inLine = Texts.sentences(line);
        boolean alone = lines.length == 1 && inLine.size() == 1; // a one-sentence paragraph
        for (String sentence : inLine) {
          sentences.add(sentence);
          separators.add(sentences.size() == 1 ? "" : separator);
          headingLike.add(alone && Texts.isHeadingLine(sentence));
          separator = " ";
        }
        separator = "\n";
      }
    }
    if (sentences.isEmpty()) {
      h.quote = Texts.abbreviate(Texts.collapse(c.text()), MAX_QUOTE_CHARS);
      return;
    }
    // a sentence's words, plus those of a heading-like line right before it (the title of what it
    // says, e.g. "Freezing your membership" in a PDF): headings themselves are not quoted
    List<Set<String>> sentenceTerms = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      Set<String> terms = new HashSet<>(BilingualAnalysis.terms(analyzer, sentences.get(i)));
      if (i > 0 && headingLike.get(i - 1)) {
        terms.addAll(BilingualAnalysis.terms(analyzer, sentences.get(i - 1)));
      }
      sentenceTerms.add(terms);
    }
    boolean allHeadings = !headingLike.contains(false);
    int best = -1;
    double bestScore = -1;
    for (int i = 0; i < sentences.size(); i++) {
      if (headingLike.get(i) && !allHeadings) {
        continue;
      }
      double score = matched(words, idf, sentenceTerms.get(i));
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    StringBuilder quote = new StringBuilder(sentences.get(best));
    if (bestScore <= 0) {
      // no sentence shares a word with the question (found by meaning): quote the passage from
      // its start, as much as fits
      for (int i = best + 1; i < sentences.size(); i++) {
        if (quote.length() + separators.get(i).length() + sentences.get(i).length() > MAX_QUOTE_CHARS) {
          break;
        }
        quote.append(separators.get(i)).append(sentences.get(i));
      }
    } else if (best + 1 < sentences.size() && !headingLike.get(best + 1)) {
      // the next sentence too when it adds words of the question, or the best one introduces it
      int next = best + 1;
      Set<String> union = new HashSet<>(sentenceTerms.get(best));
      union.addAll(sentenceTerms.get(next));
      boolean addsWords = matched(words, idf, union) > bestScore;
      String first = sentences.get(best);
      boolean introduces = first.endsWith(":") || (first.length() < SHORT_SENTENCE && separators.get(next).equals(" "));
      if ((addsWords || introduces) && first.length() + sentences.get(next).length() < MAX_QUOTE_CHARS) {
        quote.append(separators.get(next).equals("\n\n") ? "\n" : separators.get(next)).append(sentences.get(next));
      }
    }
    String quoteText = quote.toString();
    h.quote = Texts.abbreviate(quoteText, MAX_QUOTE_CHARS);
  }

  /** A line that reads as a heading (see {@link Texts#isHeadingLine}). */
  private static boolean isHeadingLike(String s) {
    return Texts.isHeadingLine(s);
  }

  private static double matched(List<Set<String>> words, Map<Set<String>, Double> idf, Set<String> terms) {
    double sum = 0;
    for (Set<String> w : words) {
      for (String v : w) {
        if (terms.contains(v)) {
          sum += idf.get(w);
          break;
        }
      }
    }
    return sum;
  }
}
