package com.ngx.agent.internal.nlu;

import com.ngx.agent.internal.model.Definition;
import com.ngx.agent.internal.nlu.ExampleIndex.Match;
import com.ngx.nlu.TextEmbedder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an agent version understands: its custom intents plus the built-in ones, its objection
 * library and its compliance refusals, each as an {@link ExampleIndex}. Built once per agent
 * version (embedding every example) and then shared by all its conversations.
 */
public final class Understanding {

  /** Built-in intents, in English and Spanish. */
  static final Map<String, List<String>> BUILT_IN =
      Map.of(
          "affirm",
          List.of(
              "yes", "yes please", "sure", "ok", "okay", "sounds good", "of course", "definitely", "yes, that's fine",
              "absolutely", "go ahead", "let's do it", "yep", "that works", "sí", "si", "claro", "vale", "de acuerdo",
              "por supuesto", "perfecto", "dale", "sí, adelante", "me parece bien", "está bien", "sí, por favor"),
          "deny",
          List.of(
              "no", "no thanks", "not now", "nope", "I don't want to", "no, thank you", "not interested in that",
              "I'd rather not", "no way", "maybe later", "no gracias", "ahora no", "para nada", "prefiero que no",
              "no, mejor no", "no quiero", "quizás más tarde"),
          "human",
          List.of(
              "I want to talk to a person", "can I speak with a human", "real person please", "connect me to an agent",
              "I'd like to talk to someone from your team", "let me talk to a sales rep", "call me instead",
              "quiero hablar con una persona", "¿puedo hablar con un humano?", "pásame con un asesor",
              "prefiero hablar con alguien de verdad", "quiero que me llame un comercial",
              "can I chat with a real human instead of a bot", "is there a human I can talk to",
              "get me someone from sales on the phone", "I'd rather speak to an actual person",
              "¿hay alguna persona real con quien pueda hablar?", "no quiero hablar con un bot, pásame con alguien",
              "¿me puede atender una persona?", "quiero hablar con un agente humano"),
          "goodbye",
          List.of(
              "bye", "goodbye", "see you", "thanks, bye", "that's all, thank you", "have a nice day", "talk later",
              "adiós", "hasta luego", "chao", "gracias, eso es todo", "nos vemos", "que tengas buen día"));

  /** The similarity below which a message is out of scope however the classifier ranks it. */
  static final double MIN_SIMILARITY = 0.25;
  /** How much the nearest-neighbour evidence counts next to the classifier's probability. */
  static final double KNN_WEIGHT = 0.3;
  static final double KNN_TEMPERATURE = 0.02;

  /** Score from which the nearest-neighbour fallback (no classifier) accepts a label. */
  static final double FALLBACK_THRESHOLD = 0.5;
  /** Score from which the lexical-only index (embeddings still being computed) accepts a label. */
  static final double LEXICAL_THRESHOLD = 0.3;

  /**
   * Messages no sales agent is for, in English and Spanish: the classifier learns them as one more
   * class ("none"), so an unrelated message does not have to land on the nearest intent.
   */
  static final List<String> OUT_OF_SCOPE =
      List.of(
          "will it rain tomorrow", "what's the temperature outside", "who won the football match last night",
          "tell me a joke", "write a poem about the sea", "how do I bake banana bread", "what is the capital of Australia",
          "solve 12 times 17", "help me with my history homework", "recommend a good movie for tonight",
          "what's your favourite song", "translate this sentence into French", "my printer is not working",
          "how tall is Mount Everest", "who is the president of France", "what time is it in Tokyo",
          "I like turtles", "asdfgh", "what's the meaning of life", "can you sing", "play some music",
          "book me a flight to Rome", "how do I fix a flat bicycle tyre", "what should I cook for dinner",
          "is pluto a planet", "explain quantum physics", "my cat is sleeping", "the traffic today was terrible",
          "lorem ipsum dolor sit amet", "how many legs does a spider have",
          "¿va a llover mañana?", "¿qué temperatura hace fuera?", "¿quién ganó el partido de anoche?", "cuéntame un chiste",
          "escríbeme un poema sobre el mar", "¿cómo se hace un bizcocho de plátano?", "¿cuál es la capital de Australia?",
          "ayúdame con los deberes de historia", "recomiéndame una película para esta noche", "¿cuál es tu canción favorita?",
          "traduce esta frase al francés", "mi impresora no funciona", "¿qué altura tiene el Everest?",
          "¿quién es el presidente de Francia?", "¿qué hora es en Tokio?", "me gustan las tortugas", "qwerty",
          "¿cuál es el sentido de la vida?", "pon algo de música", "resérvame un vuelo a Roma",
          "¿cómo arreglo una rueda pinchada de la bici?", "¿qué hago de cenar hoy?", "mi gato está durmiendo",
          "hoy había muchísimo tráfico", "¿cuántas patas tiene una araña?", "explícame la física cuántica",
          "what's the forecast for the weekend", "is it going to snow in Chicago", "how hot will it be on Saturday",
          "who scored in the basketball game", "when does the next World Cup start", "give me a recipe for lasagna",
          "what year did World War II end", "write me a limerick about cats", "help me with this algebra problem",
          "what's 15 percent of 80", "who wrote Don Quixote", "how far is the moon from the earth",
          "what's the best phone to buy this year", "can you recommend a series on Netflix", "how do I learn guitar",
          "what's a good name for a puppy", "sing happy birthday", "do you dream", "are you a robot that likes pizza",
          "how do I unclog my sink", "tell me something funny", "what's trending on twitter",
          "¿qué clima va a hacer el domingo?", "¿va a hacer calor este finde?", "¿nieva en Bariloche ahora?",
          "¿quién marcó el gol del Madrid?", "¿cuándo empieza el próximo mundial?", "pásame una receta de lasaña",
          "¿en qué año terminó la segunda guerra mundial?", "escríbeme unos versos sobre gatos",
          "ayúdame con un ejercicio de álgebra", "¿cuánto es el 15 por ciento de 80?", "¿quién escribió el Quijote?",
          "¿a qué distancia está la luna?", "¿qué móvil me compro este año?", "recomiéndame una serie de Netflix",
          "¿cómo aprendo a tocar la guitarra?", "¿qué nombre le pongo a mi perrito?", "cántame el cumpleaños feliz",
          "¿tú sueñas?", "¿cómo destapo el fregadero?", "dime algo gracioso", "¿qué es tendencia hoy en redes?",
          "¿cuál es la moneda de Japón?", "¿cómo se dice mariposa en inglés?", "mañana tengo examen de química",
          "¿qué tiempo hace hoy?", "¿hará buen tiempo mañana?", "¿llueve en Sevilla?");

  /** The out-of-scope class's label. */
  static final String NONE = "none:";

  /** Intents whose action is disruptive (a handoff, an ending): they need a close example, not just the best probability. */
  static final java.util.Set<String> CAREFUL = java.util.Set.of("intent:human", "intent:goodbye");
  static final double CAREFUL_SIMILARITY = 0.5;

  private final Definition definition;
  private final ExampleIndex examples;
  private final Classifier classifier;
  private final ExampleIndex refusals;
  private final Map<String, List<String>> refusalKeywords = new LinkedHashMap<>();

  /**
   * What the agent made of one message.
   *
   * @param intents the best intents with their scores (probabilities when a classifier is trained)
   * @param intent the intent, when the message is one and scores high enough
   * @param outOfScope whether the message is neither an intent nor an objection of the agent
   * @param objection the objection, when the message is one and scores high enough
   * @param refusal the compliance rule whose refusal applies, if any
   */
  public record Analysis(
      List<Match> intents, Match intent, boolean outOfScope, Match objection, Match refusal) {}

  private Understanding(Definition d, ExampleIndex examples, Classifier classifier, ExampleIndex refusals) {
    this.definition = d;
    this.examples = examples;
    this.classifier = classifier;
    this.refusals = refusals;
    for (Definition.Rule r : d.compliance()) {
      if (r.type().equals("refuse") && !r.keywords().isEmpty()) {
        refusalKeywords.put(r.id(), r.keywords().stream().map(Text::normalise).toList());
      }
    }
  }

  /**
   * Builds the understanding of a definition: embeds every example (in one batch) and trains the
   * classifier over intents and objections together (so "it's cheaper elsewhere" is weighed
   * against "how much is it"), unless there are so many that nearest neighbours must do.
   */
  public static Understanding build(Definition d, TextEmbedder embedder) {
    return build(d, embedder, true);
  }

  /**
   * Builds a lexical-only understanding (no embeddings, no classifier) at once: what a very large
   * intent set answers with while its embeddings are computed in the background.
   */
  public static Understanding lexical(Definition d) {
    return build(d, null, false);
  }

  /** How many example phrases a definition has (intents, objections, refusals). */
  public static int phrases(Definition d) {
    return d.intents().stream().mapToInt(i -> i.examples().size()).sum()
        + d.objections().stream().mapToInt(o -> o.examples().size()).sum()
        + d.compliance().stream().mapToInt(r -> r.examples().size()).sum();
  }

  private static Understanding build(Definition d, TextEmbedder embedder, boolean semantic) {
    Map<String, List<String>> labelled = new LinkedHashMap<>();
    d.intents().forEach(i -> labelled.put(INTENT + i.name(), i.examples()));
    BUILT_IN.forEach((k, v) -> labelled.putIfAbsent(INTENT + k, v));
    d.objections().forEach(o -> labelled.put(OBJECTION + o.id(), o.examples()));
    Map<String, List<String>> refusals = new LinkedHashMap<>();
    d.compliance().stream()
        .filter(r -> r.type().equals("refuse") && !r.examples().isEmpty())
        .forEach(r -> refusals.put(r.id(), r.examples()));
    List<String> phrases = ExampleIndex.phrases(labelled);
    if (!semantic) {
      return new Understanding(d, new ExampleIndex(labelled, null, 0), null, new ExampleIndex(refusals, null, 0));
    }
    List<String> all = new ArrayList<>(phrases);
    all.addAll(ExampleIndex.phrases(refusals));
    List<float[]> vectors = embedInBatches(embedder, all);
    int dims = embedder.dimensions();
    List<float[]> exampleVectors = vectors.subList(0, phrases.size());
    Classifier classifier = null;
    if (Classifier.trainable(phrases.size() + OUT_OF_SCOPE.size(), labelled.size() + 1)) {
      List<String> labels = new ArrayList<>();
      labelled.forEach((label, ex) -> ex.forEach(x -> labels.add(label)));
      List<String> texts = new ArrayList<>(phrases);
      List<float[]> trainVectors = new ArrayList<>(exampleVectors);
      texts.addAll(OUT_OF_SCOPE);
      trainVectors.addAll(embedInBatches(embedder, OUT_OF_SCOPE));
      OUT_OF_SCOPE.forEach(x -> labels.add(NONE));
      classifier = Classifier.train(labels, texts, trainVectors, dims);
    }
    return new Understanding(
        d,
        new ExampleIndex(labelled, exampleVectors, dims),
        classifier,
        new ExampleIndex(refusals, vectors.subList(phrases.size(), vectors.size()), dims));
  }

  /** Texts embedded per call: large sets go in small batches so conversations' own embeddings never wait long behind them. */
  static final int BATCH = 64;

  private static List<float[]> embedInBatches(TextEmbedder embedder, List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i += BATCH) {
      out.addAll(embedder.embedAll(texts.subList(i, Math.min(texts.size(), i + BATCH))));
    }
    return out;
  }

  static final String INTENT = "intent:";
  static final String OBJECTION = "objection:";

  /** Analyses a message whose embedding is {@code vector}. */
  public Analysis analyze(String text, float[] vector) {
    List<Match> neighbours = examples.rank(text, vector, Integer.MAX_VALUE);
    double fallbackThreshold = examples.semantic() ? FALLBACK_THRESHOLD : LEXICAL_THRESHOLD;
    Map<String, Match> nearest = new LinkedHashMap<>();
    neighbours.forEach(m -> nearest.put(m.label(), m));
    List<Match> ranked = new ArrayList<>();
    if (classifier != null) {
      double[] p = classifier.probabilities(text, vector);
      // blend in the nearest neighbours: a message very close to one example of a label is
      // strong evidence the linear model may smooth away
      double[] q = new double[p.length];
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < p.length; i++) {
        Match n = nearest.get(classifier.labels().get(i));
        q[i] = n == null ? -10 : n.score() / KNN_TEMPERATURE;
        max = Math.max(max, q[i]);
      }
      double sum = 0;
      for (int i = 0; i < q.length; i++) {
        q[i] = Math.exp(q[i] - max);
        sum += q[i];
      }
      for (int i = 0; i < p.length; i++) {
        String label = classifier.labels().get(i);
        Match n = nearest.get(label);
        double blended = (1 - KNN_WEIGHT) * p[i] + KNN_WEIGHT * q[i] / sum;
        ranked.add(new Match(label, blended, n == null ? null : n.example()));
      }
      ranked.sort((a, b) -> Double.compare(b.score(), a.score()));
    } else {
      ranked.addAll(neighbours);
    }
    Match top = ranked.isEmpty() ? null : ranked.get(0);
    boolean objection = top != null && top.label().startsWith(OBJECTION);
    double threshold = classifier == null ? fallbackThreshold
        : objection ? definition.settings().objectionThreshold() : definition.settings().intentThreshold();
    Match nearestOfTop = top == null ? null : nearest.get(top.label());
    double floor = top != null && CAREFUL.contains(top.label()) ? CAREFUL_SIMILARITY : MIN_SIMILARITY;
    boolean accepted = top != null && !top.label().equals(NONE) && top.score() >= threshold
        && (classifier == null || nearestOfTop != null && nearestOfTop.score() >= floor);
    List<Match> intents = ranked.stream().filter(m -> m.label().startsWith(INTENT)).limit(5)
        .map(m -> new Match(m.label().substring(INTENT.length()), m.score(), m.example())).toList();
    Match intent = accepted && !objection ? strip(top) : null;
    Match obj = accepted && objection ? strip(top) : null;
    return new Analysis(intents, intent, intent == null && obj == null, obj, refusal(text, vector));
  }

  private static Match strip(Match m) {
    int colon = m.label().indexOf(':');
    return new Match(m.label().substring(colon + 1), m.score(), m.example());
  }

  private Match refusal(String text, float[] vector) {
    String n = " " + Text.normalise(text) + " ";
    for (Map.Entry<String, List<String>> e : refusalKeywords.entrySet()) {
      for (String k : e.getValue()) {
        if (!k.isBlank() && n.contains(" " + k + " ")) {
          return new Match(e.getKey(), 1.0, k);
        }
      }
    }
    List<Match> r = refusals.rank(text, vector, 1);
    return !r.isEmpty() && r.get(0).score() >= 0.66 ? r.get(0) : null;
  }

  /** How many example phrases the agent's understanding holds. */
  public int examples() {
    return examples.size() + refusals.size();
  }

  /** Whether the examples are embedded (false: lexical only, while a large set is being embedded). */
  public boolean semantic() {
    return examples.semantic();
  }

  /** Whether a classifier was trained (false: nearest neighbours decide, for very large intent sets). */
  public boolean trained() {
    return classifier != null;
  }
}
