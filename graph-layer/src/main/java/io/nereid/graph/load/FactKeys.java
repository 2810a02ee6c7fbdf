package io.nereid.graph.load;

import io.nereid.graph.dict.ExternalIds;
import io.nereid.graph.dict.KvDictionary;
import io.nereid.graph.quad.KeyOrder;
import io.nereid.graph.quad.QuadKind;
import io.nereid.graph.stats.Statistics;
import io.nereid.graph.value.Utf8;
import io.nereid.kv.codec.UnsignedVarint;
import java.util.Arrays;

/**
 * The key bytes of the facts the loader writes, written into a caller's array: the same bytes as
 * {@link KeyOrder#key}, {@link ExternalIds#key} and {@link Statistics#degreeKey} (docs/STORAGE.md;
 * {@code FactKeysTest} compares them), without a {@code Quad} or a new array per key, which is what
 * the loader spent most of its key building on.
 */
final class FactKeys {

  /** Room for any key: the kv-layer limits keys to 511 bytes. */
  static final int MAX_KEY = 512;

  private FactKeys() {}

  /** Whether {@code order} indexes a quad of this kind and graph id (as {@link KeyOrder#holds}). */
  static boolean holds(KeyOrder order, QuadKind kind, long g) {
    return switch (order) {
      case SPOG, POGS -> true;
      case GPSO -> g != 0;
      case OSGP -> kind == QuadKind.EDGE;
    };
  }

  /**
   * Writes the key of quad (s, kind, p, o[0, oLength), g) in {@code order} at {@code buf[0]};
   * returns its length. {@code o} is the encoded object (a varint id or a typed value).
   */
  static int quad(KeyOrder order, byte[] buf, long s, QuadKind kind, long p, byte[] o,
      int oLength, long g) {
    int at = 0;
    switch (order) {
      case SPOG -> {
        at = UnsignedVarint.write(buf, at, s);
        at = predicate(buf, at, kind, p);
        at = object(buf, at, o, oLength);
        at = UnsignedVarint.write(buf, at, g);
      }
      case POGS -> {
        at = predicate(buf, at, kind, p);
        at = object(buf, at, o, oLength);
        at = UnsignedVarint.write(buf, at, g);
        at = UnsignedVarint.write(buf, at, s);
      }
      case GPSO -> {
        at = UnsignedVarint.write(buf, at, g);
        at = predicate(buf, at, kind, p);
        at = UnsignedVarint.write(buf, at, s);
        at = object(buf, at, o, oLength);
      }
      case OSGP -> {
        at = object(buf, at, o, oLength);
        at = UnsignedVarint.write(buf, at, s);
        at = UnsignedVarint.write(buf, at, g);
        at = predicate(buf, at, kind, p);
      }
    }
    return at;
  }

  private static int predicate(byte[] buf, int at, QuadKind kind, long p) {
    buf[at++] = kind.code();
    return kind.hasPredicateTerm() ? UnsignedVarint.write(buf, at, p) : at;
  }

  private static int object(byte[] buf, int at, byte[] o, int oLength) {
    System.arraycopy(o, 0, buf, at, oLength);
    return at + oLength;
  }

  /** Writes a degree counter key (vertex, direction, label) at {@code buf[0]}; its length. */
  static int degree(byte[] buf, long vertex, byte direction, long label) {
    buf[0] = Statistics.DEGREE;
    int at = UnsignedVarint.write(buf, 1, vertex);
    buf[at++] = direction;
    return UnsignedVarint.write(buf, at, label);
  }

  /**
   * Writes the {@code xid} key of an external id whose UTF-8 is {@code utf8[0, length)} at {@code
   * buf[0]}; its length. Ids longer than the inline limit are keyed by their SHA-256, which takes
   * the general path.
   */
  static int externalId(byte[] buf, ExternalIds.Kind kind, String id, byte[] utf8, int length) {
    if (length > KvDictionary.INLINE_KEY_BYTES) {
      byte[] k = ExternalIds.key(kind, id);
      System.arraycopy(k, 0, buf, 0, k.length);
      return k.length;
    }
    buf[0] = kind.code();
    buf[1] = 0x01; // inline, as KvDictionary.forwardKey
    System.arraycopy(utf8, 0, buf, 2, length);
    return length + 2;
  }

  /** The partition of an external id ({@code Partitioner.ofString}) from its UTF-8. */
  static int partitionOf(byte[] utf8, int length, int partitions) {
    int h = 0x811C9DC5; // FNV-1a, as Partitioner.fnv1a
    for (int i = 0; i < length; i++) {
      h ^= utf8[i] & 0xFF;
      h *= 0x01000193;
    }
    return Math.floorMod(h, partitions);
  }

  /** UTF-8 of a string into a reused array: ASCII directly, anything else through {@link Utf8}. */
  static final class Utf8Buffer {
    byte[] bytes = new byte[64];
    int length;

    Utf8Buffer encode(String s) {
      int n = s.length();
      if (n > bytes.length) {
        bytes = new byte[Math.max(n, bytes.length * 2)];
      }
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        if (c >= 0x80) {
          byte[] b = Utf8.encode(s);
          if (b.length > bytes.length) {
            bytes = Arrays.copyOf(b, b.length);
          } else {
            System.arraycopy(b, 0, bytes, 0, b.length);
          }
          length = b.length;
          return this;
        }
        bytes[i] = (byte) c;
      }
      length = n;
      return this;
    }
  }
}
