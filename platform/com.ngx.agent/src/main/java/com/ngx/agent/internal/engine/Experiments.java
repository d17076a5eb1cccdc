package com.ngx.agent.internal.engine;

import com.ngx.agent.internal.model.Definition.Variant;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/** Deterministic variant assignment: a hash of conversation and experiment, spread by weight. */
public final class Experiments {
  private Experiments() {}

  /** The variant a conversation gets in an experiment: always the same for the same pair. */
  public static Variant pick(String conversationId, String experiment, List<Variant> variants) {
    long total = variants.stream().mapToLong(Variant::weight).sum();
    long bucket = Math.floorMod(hash(conversationId + "/" + experiment), total);
    long acc = 0;
    for (Variant v : variants) {
      acc += v.weight();
      if (bucket < acc) {
        return v;
      }
    }
    return variants.get(variants.size() - 1);
  }

  static long hash(String s) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(h, 0, 8).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
