package io.nereid.graph.quad;

import io.nereid.graph.value.Utf8;

/**
 * Where keys live. Internal ids are placed by {@code id mod partitions}: the id allocator hands out
 * ids of the partition it is asked for, so an edge id and a vertex property id are always congruent
 * to their owner vertex and land in the same partition. Strings (external ids, dictionary entries)
 * are placed by a fixed hash (FNV-1a over UTF-8) so that any process finds them again; {@link
 * String#hashCode()} would do too, but a byte hash also serves hashed keys.
 */
public final class Partitioner {

  private final int partitions;

  public Partitioner(int partitions) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be positive");
    }
    this.partitions = partitions;
  }

  public int count() {
    return partitions;
  }

  /** The partition of an internal id (vertex, edge, vertex property) or dictionary term. */
  public int ofId(long id) {
    return (int) Long.remainderUnsigned(id, partitions);
  }

  public int ofString(String s) {
    return ofBytes(Utf8.encode(s));
  }

  public int ofBytes(byte[] b) {
    return Math.floorMod(fnv1a(b), partitions);
  }

  /** 32-bit FNV-1a; part of the storage format. */
  public static int fnv1a(byte[] b) {
    int h = 0x811C9DC5;
    for (byte x : b) {
      h ^= x & 0xFF;
      h *= 0x01000193;
    }
    return h;
  }
}
