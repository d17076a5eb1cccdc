package com.ngx.agent.internal.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Compiled agent versions by key (tenant, agent, version or draft revision), least recently used
 * evicted. Compiling embeds every example, which can take seconds for hundreds of intents, so it
 * happens once per key, possibly ahead of time, and concurrent callers wait for the same result.
 */
final class CompiledCache {
  private final int capacity;
  private final Map<String, CompletableFuture<Compiled>> entries;

  CompiledCache(int capacity) {
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(64, 0.75f, true);
  }

  /** The compiled version, compiling it (once) when missing. */
  Compiled get(String key, Supplier<Compiled> compile) {
    CompletableFuture<Compiled> f;
    boolean mine = false;
    synchronized (entries) {
      f = entries.get(key);
      if (f == null) {
        f = new CompletableFuture<>();
        put(key, f);
        mine = true;
      }
    }
    if (mine) {
      try {
        f.complete(compile.get());
      } catch (RuntimeException | Error e) {
        remove(key);
        f.completeExceptionally(e);
        throw e;
      }
    }
    return join(f);
  }

  /** Starts compiling in the background unless it is already there. */
  void prepare(String key, Supplier<Compiled> compile, Executor executor) {
    synchronized (entries) {
      if (entries.containsKey(key)) {
        return;
      }
    }
    executor.execute(() -> {
      try {
        get(key, compile);
      } catch (RuntimeException e) {
        // the next caller compiles again and sees the failure
      }
    });
  }

  /** Puts a better compilation of a key in place (the embedded one after the lexical one). */
  void replace(String key, Compiled better) {
    synchronized (entries) {
      put(key, CompletableFuture.completedFuture(better));
    }
  }

  void removePrefix(String prefix) {
    synchronized (entries) {
      entries.keySet().removeIf(k -> k.startsWith(prefix));
    }
  }

  private void remove(String key) {
    synchronized (entries) {
      entries.remove(key);
    }
  }

  private void put(String key, CompletableFuture<Compiled> f) {
    entries.put(key, f);
    if (entries.size() > capacity) {
      var it = entries.entrySet().iterator();
      it.next();
      it.remove();
    }
  }

  private static Compiled join(CompletableFuture<Compiled> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the agent was being prepared", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
