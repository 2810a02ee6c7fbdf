package io.nereid.graph.load;

import java.util.HashMap;
import java.util.Map;

/**
 * What one load run knows about ids without asking the store: the internal ids of vertices it
 * created or looked up (so that edges find their ends in memory), and a Bloom filter of the edge
 * ids it created (so that a new edge id costs no store read). Memory is bounded: past {@code
 * maxVertices} cached ids, lookups fall back to the store. The store itself is asked only when it
 * may hold the id: when it had vertices (edges) before this run, or the cache overflowed.
 */
final class KnownIds {

  private static final int HASHES = 4;

  private final Map<String, Long> vertices = new HashMap<>();
  private final int maxVertices;
  private final long[] edgeBits;
  private boolean vertexOverflow;
  final boolean storeHadVertices;
  final boolean storeHadEdges;

  KnownIds(boolean storeHadVertices, boolean storeHadEdges, int maxVertices, long edgeFilterBits) {
    this.storeHadVertices = storeHadVertices;
    this.storeHadEdges = storeHadEdges;
    this.maxVertices = maxVertices;
    this.edgeBits = new long[(int) Math.max(1, edgeFilterBits / 64)];
  }

  /** The cached internal id of a vertex, or -1. */
  long vertex(String externalId) {
    Long id = vertices.get(externalId);
    return id == null ? -1 : id;
  }

  void addVertex(String externalId, long id) {
    if (vertices.size() < maxVertices) {
      vertices.put(externalId, id);
    } else if (!vertices.containsKey(externalId)) {
      vertexOverflow = true;
    }
  }

  /** Whether a vertex missing from the cache may still be in the store. */
  boolean vertexMayBeStored() {
    return storeHadVertices || vertexOverflow;
  }

  /** Whether an edge id may be in the store (false: it certainly is not). */
  boolean edgeMayBeStored(String externalId) {
    if (storeHadEdges) {
      return true;
    }
    long h = hash(externalId);
    for (int i = 0; i < HASHES; i++) {
      if (!bit(h, i)) {
        return false;
      }
    }
    return true;
  }

  void addEdge(String externalId) {
    long h = hash(externalId);
    for (int i = 0; i < HASHES; i++) {
      int b = index(h, i);
      edgeBits[b >>> 6] |= 1L << (b & 63);
    }
  }

  private boolean bit(long h, int i) {
    int b = index(h, i);
    return (edgeBits[b >>> 6] & (1L << (b & 63))) != 0;
  }

  private int index(long h, int i) {
    int h1 = (int) h;
    int h2 = (int) (h >>> 32);
    return (int) Math.floorMod((long) h1 + (long) i * h2, (long) edgeBits.length * 64);
  }

  /** 64-bit FNV-1a over the chars, mixed; two 32-bit halves serve as the double hash. */
  private static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h | 1; // odd second half: every probe differs
  }
}
