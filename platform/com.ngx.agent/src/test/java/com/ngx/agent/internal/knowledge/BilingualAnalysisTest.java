package com.ngx.agent.internal.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BilingualAnalysisTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // English: stop words (incl. question words) go, plurals, verb endings and possessives fold
        "en | What are the gym's opening hours?           | gym opening hour",
        "en | How much do the classes and coaches cost?   | class coach cost",
        "en | I don’t know which fees apply on days off   | fee apply day",
        "en | Cancelling a booked class                   | cancel book class",
        // Spanish: accents folded, plurals (-es, -ces, -ses) folded, Spanish stop words go
        "es | ¿Cuánto cuestan las sesiones y las clases?  | cuestan sesion clas",
        "es | Una clase, un pase, los pases y los meses   | clas pas pas mes",
        "es | Condiciones de cancelación de los socios    | condicion cancelacion socio",
        "es | Las luces del gimnasio están encendidas     | luz gimnasio encendida",
        "es | Horas y días                                | hora dia",
        // a few Spanish verb forms that are English words are kept
        "en | Sea view rooms, an era of calm             | sea view room era calm"
      })
  void passagesAreAnalysedWithTheirLanguage(String language, String text, String terms) {
    assertEquals(List.of(terms.split(" ")), BilingualAnalysis.terms(BilingualAnalysis.forLanguage(language), text));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // each word of a question: its English and its Spanish stem
        "prices      | price, priz",
        "condiciones | condicione, condicion",
        "sauna       | sauna"
      })
  void questionWordsCarryTheStemsOfBothLanguages(String word, String stems) {
    assertEquals(List.of(Set.of(stems.split(", "))), BilingualAnalysis.queryTerms(word));
  }
}
