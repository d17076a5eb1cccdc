package com.ngx.llm.openai.internal;

import com.ngx.api.llm.ChatMessage;
import com.ngx.api.llm.Completion;
import com.ngx.api.llm.CompletionRequest;
import com.ngx.api.llm.LanguageModel;
import com.ngx.api.plugin.PluginContext;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;

/**
 * A {@link LanguageModel} that completes chats with any server speaking the OpenAI
 * chat-completions protocol, configured per tenant by {@link OpenAiSettings}.
 *
 * <p>Every failure (settings incomplete, server unreachable or slow, an error answer, an answer
 * that is not a completion) is thrown as an exception whose message says what went wrong and
 * never contains the API key; the engine then falls back to its own answer. The tenant's settings
 * arrive with every call ({@code PluginContext.settings()}); Config Admin is not used, so the
 * component activates without any configuration.
 */
@Component(service = LanguageModel.class, configurationPid = OpenAiSettings.PLUGIN_ID)
@Designate(ocd = OpenAiSettings.class)
public final class OpenAiLanguageModel implements LanguageModel {
  /**
   * Framework property that lets model servers on private and loopback addresses be called (a
   * self-hosted Ollama or vLLM next to the platform): for single-company installations and
   * development, never on a shared SaaS node.
   */
  static final String ALLOW_PRIVATE_TARGETS = "ngx.llm.openai.allowPrivateTargets";
  /** The largest answer read; a completion of the longest allowed length is far smaller. */
  static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;

  private final HttpClient http;
  private final boolean allowPrivateTargets;

  @Activate
  public OpenAiLanguageModel(BundleContext bundleContext) {
    this(newClient(), Boolean.parseBoolean(bundleContext.getProperty(ALLOW_PRIVATE_TARGETS)));
  }

  OpenAiLanguageModel(HttpClient http, boolean allowPrivateTargets) {
    this.http = http;
    this.allowPrivateTargets = allowPrivateTargets;
  }

  /**
   * The one client of this component. It follows no redirects (a redirect to an internal address
   * would get round the address check, and would resend the key elsewhere), and speaks HTTP/1.1,
   * which every compatible server understands (no h2c upgrade attempt on plain http). Each call
   * bounds its own wait; the connect timeout here is only the longest a tenant may choose.
   */
  static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(OpenAiSettings.MAX_TIMEOUT_SECONDS))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public Completion complete(PluginContext context, CompletionRequest request) {
    check(request);
    TenantSettings settings;
    try {
      settings = TenantSettings.of(context.settings());
    } catch (IllegalArgumentException e) {
      throw new ModelException("settings: " + e.getMessage());
    }
    String host = settings.baseUrl().getHost();
    if (!allowPrivateTargets) {
      String refusal = Targets.refusal(host);
      if (refusal != null) {
        throw new ModelException(refusal);
      }
    }

    // the agent asks for what it needs; the tenant's setting caps it
    int maxTokens =
        request.maxTokens() > 0
            ? Math.min(request.maxTokens(), settings.maxTokens())
            : settings.maxTokens();
    byte[] body =
        ChatCompletions.requestBody(
                settings.model(), request.messages(), request.temperature(), maxTokens)
            .getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(settings.completionsUrl())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (settings.apiKey() != null) {
      builder.header("Authorization", "Bearer " + settings.apiKey());
    }

    HttpResponse<byte[]> response = exchange(builder.build(), settings);
    String answer = new String(response.body(), StandardCharsets.UTF_8);
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new ModelException(
          status,
          ChatCompletions.errorMessage(
              status,
              host,
              answer,
              response.headers().firstValue("Retry-After").orElse(null),
              settings.apiKey()));
    }
    try {
      return ChatCompletions.parse(answer);
    } catch (IllegalArgumentException e) {
      throw new ModelException(
          status,
          "the answer from "
              + host
              + " is not a chat completion: "
              + ChatCompletions.clean(e.getMessage(), settings.apiKey()));
    }
  }

  /** Rejects what the API's contract rules out, before any network traffic. */
  private static void check(CompletionRequest request) {
    List<ChatMessage> messages = request.messages();
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("request: no messages");
    }
    for (ChatMessage m : messages) {
      if (m == null || m.role() == null || m.role().isBlank() || m.content() == null) {
        throw new IllegalArgumentException("request: every message needs a role and content");
      }
    }
    double t = request.temperature();
    if (!(t >= 0 && t <= 2)) {
      throw new IllegalArgumentException("request: temperature must be from 0 to 2");
    }
  }

  /**
   * Sends {@code request} and waits for the whole answer, at most the tenant's timeout from now:
   * the connection, the headers and the body together (the request's own timeout covers the
   * headers only). An interrupt (the platform cancelling a call it gave up on) aborts the
   * exchange.
   */
  private HttpResponse<byte[]> exchange(HttpRequest request, TenantSettings settings) {
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(request, info -> new LimitedBody(MAX_ANSWER_BYTES));
    try {
      return future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new ModelException(noAnswer(settings));
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new ModelException("interrupted while waiting for " + settings.baseUrl().getHost());
    } catch (ExecutionException e) {
      throw failure(e.getCause(), settings);
    }
  }

  /** A transport failure's exception; it names the host, never the key. */
  private static ModelException failure(Throwable cause, TenantSettings settings) {
    String host = settings.baseUrl().getHost();
    if (cause instanceof HttpConnectTimeoutException) {
      return new ModelException("could not connect to " + host + " in time", cause);
    }
    if (cause instanceof HttpTimeoutException) {
      return new ModelException(noAnswer(settings), cause);
    }
    if (cause instanceof ConnectException) {
      return new ModelException("could not connect to " + host, cause);
    }
    if (cause instanceof LimitedBody.TooLarge) {
      return new ModelException("the answer from " + host + " is too large", cause);
    }
    if (cause instanceof IOException) {
      // e.g. SSLHandshakeException: the class name says enough (and javax.net.ssl, which the JDK
      // exports without a version, would be the plugin's only unversioned import)
      return new ModelException(
          "request to " + host + " failed: " + cause.getClass().getSimpleName(), cause);
    }
    return new ModelException("request to " + host + " failed", cause);
  }

  private static String noAnswer(TenantSettings settings) {
    return "no answer from "
        + settings.baseUrl().getHost()
        + " within "
        + settings.timeout().getSeconds()
        + " s";
  }
}
