package io.nereid.graph.load;

/**
 * What one load run knows about ids without asking the store: the internal ids of vertices it
 * created or looked up (so that edges find their ends in memory), and a Bloom filter of the edge
 * ids it created (so that a new edge id costs no store read). Memory is bounded: past {@code
 * maxVertices} cached ids, lookups fall back to the store. The store itself is asked only when it
 * may hold the id: when it had vertices (edges) before this run, or the cache overflowed.
 */
final class KnownIds {

  private static final int HASHES = 4;

  private final ExternalIdTable vertices = new ExternalIdTable();
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
    return vertices.get(externalId);
  }

  void addVertex(String externalId, long id) {
    if (vertices.size() < maxVertices) {
      vertices.put(externalId, id);
    } else if (vertices.get(externalId) < 0) {
      vertexOverflow = true;
    }
  }

  /** Whether a vertex missing from the cache may still be in the store. */
  boolean vertexMayBeStored() {
    return storeHadVertices || vertexOverflow;
  }

  /** Whether an edge id may be in the store (false: it certainly is not). */
  boolean edgeMayBeStored(String externalId) {
    return edgeMayBeStored(hash(externalId));
  }

  /** As {@link #edgeMayBeStored(String)}, from the id's {@link #hash}. */
  boolean edgeMayBeStored(long h) {
    if (storeHadEdges) {
      return true;
    }
    long bits = bits(h);
    return (edgeBits[word(h)] & bits) == bits;
  }

  void addEdge(String externalId) {
    addEdge(hash(externalId));
  }

  void addEdge(long h) {
    edgeBits[word(h)] |= bits(h);
  }

  /**
   * A blocked Bloom filter: all of an id's bits are in one 64-bit word (one cache miss per test
   * instead of one per bit), chosen by the hash's high half, the bits by its low half.
   */
  private int word(long h) {
    return (int) Long.remainderUnsigned(h >>> 32, edgeBits.length);
  }

  private static long bits(long h) {
    long bits = 0;
    for (int i = 0; i < HASHES; i++) {
      bits |= 1L << ((h >>> (6 * i)) & 63);
    }
    return bits;
  }

  /** 64-bit FNV-1a over the chars, mixed. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}
