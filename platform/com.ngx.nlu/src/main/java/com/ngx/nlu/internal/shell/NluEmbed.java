package com.ngx.nlu.internal.shell;

import com.ngx.nlu.TextEmbedder;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * {@code ngx:nlu-embed}: embeds a text with the offline model and prints the time and the first
 * values; operators use it to check that the natives load on a node.
 */
@Service
@Command(
    scope = "ngx",
    name = "nlu-embed",
    description = "Embed a text with the offline model (checks that its natives load)")
public class NluEmbed implements Action {

  @Reference TextEmbedder embedder;

  @Argument(name = "text", description = "The text (its words may be given unquoted)", required = true, multiValued = true)
  List<String> words;

  @Override
  public Object execute() {
    String text = String.join(" ", words);
    long start = System.nanoTime();
    float[] vector = embedder.embed(text);
    double ms = (System.nanoTime() - start) / 1e6;
    StringBuilder first = new StringBuilder();
    for (int i = 0; i < Math.min(5, vector.length); i++) {
      first.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.5f", vector[i]));
    }
    System.out.println("model:      " + embedder.model());
    System.out.println("dimensions: " + embedder.dimensions());
    System.out.println(String.format(Locale.ROOT, "time:       %.1f ms", ms));
    System.out.println("first 5:    [" + first + "]");
    return null;
  }
}
