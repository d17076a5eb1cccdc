package com.ngx.marketplace.internal.certify;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * A writer of stored (uncompressed) zips for tests that need what no standard tool writes:
 * duplicate names, bytes between entries, entries that the central directory hides or adds.
 */
final class RawZip {
  private final ByteArrayOutputStream local = new ByteArrayOutputStream();
  private final ByteArrayOutputStream central = new ByteArrayOutputStream();
  private int listed;

  /** A zip of {@code entries}, by name. */
  static byte[] stored(Map<String, byte[]> entries) {
    RawZip zip = new RawZip();
    new TreeMap<>(entries).forEach(zip::entry);
    return zip.bytes();
  }

  /** Adds an entry that the central directory lists too. */
  RawZip entry(String name, byte[] data) {
    return entry(name, data, true);
  }

  /** Adds an entry; {@code listed} false leaves it out of the central directory. */
  RawZip entry(String name, byte[] data, boolean listed) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    CRC32 crc = new CRC32();
    crc.update(data);
    int offset = local.size();
    int32(local, 0x04034b50);
    int16(local, 20);
    int16(local, 0x0800);
    int16(local, 0);
    int32(local, 0);
    int32(local, (int) crc.getValue());
    int32(local, data.length);
    int32(local, data.length);
    int16(local, n.length);
    int16(local, 0);
    local.writeBytes(n);
    local.writeBytes(data);
    if (listed) {
      this.listed++;
      int32(central, 0x02014b50);
      int16(central, 20);
      int16(central, 20);
      int16(central, 0x0800);
      int16(central, 0);
      int32(central, 0);
      int32(central, (int) crc.getValue());
      int32(central, data.length);
      int32(central, data.length);
      int16(central, n.length);
      int16(central, 0);
      int16(central, 0);
      int16(central, 0);
      int16(central, 0);
      int32(central, 0);
      int32(central, offset);
      central.writeBytes(n);
    }
    return this;
  }

  /** Adds bytes that belong to no entry. */
  RawZip junk(byte[] bytes) {
    local.writeBytes(bytes);
    return this;
  }

  byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(local.toByteArray());
    out.writeBytes(central.toByteArray());
    int32(out, 0x06054b50);
    int16(out, 0);
    int16(out, 0);
    int16(out, listed);
    int16(out, listed);
    int32(out, central.size());
    int32(out, local.size());
    int16(out, 0);
    return out.toByteArray();
  }

  private static void int16(ByteArrayOutputStream out, int v) {
    out.write(v & 0xFF);
    out.write((v >>> 8) & 0xFF);
  }

  private static void int32(ByteArrayOutputStream out, int v) {
    int16(out, v & 0xFFFF);
    int16(out, (v >>> 16) & 0xFFFF);
  }
}
