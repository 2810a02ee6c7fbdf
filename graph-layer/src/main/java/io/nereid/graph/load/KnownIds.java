package io.nereid.graph.load;

/**
 * What one load run knows about ids without asking the store: the internal ids of vertices it
 * created or looked up (so that edges find their ends in memory), and a Bloom filter of the edge
 * ids it took in (so that a new edge id costs no store read and no search of its batch; {@link
 * BlockedBloomFilter}). Memory is bounded: past {@code maxVertices} cached ids, lookups fall back
 * to the store. The store itself is asked only when it may hold the id: when it had vertices
 * (edges) before this run, or the cache overflowed.
 */
final class KnownIds {

  private final ExternalIdTable vertices = new ExternalIdTable();
  private final int maxVertices;
  private final BlockedBloomFilter edgeIds;
  private boolean vertexOverflow;
  final boolean storeHadVertices;
  final boolean storeHadEdges;

  /**
   * {@code edgeFilterBits}: the Bloom filter's size; {@code expectedEdges}: about how many edge ids
   * it will hold (an estimate from the files' sizes).
   */
  KnownIds(boolean storeHadVertices, boolean storeHadEdges, int maxVertices, long edgeFilterBits,
      long expectedEdges) {
    this.storeHadVertices = storeHadVertices;
    this.storeHadEdges = storeHadEdges;
    this.maxVertices = maxVertices;
    this.edgeIds = new BlockedBloomFilter(edgeFilterBits, expectedEdges);
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

  /**
   * Whether an edge id may be in the store or among this run's edges, the batch being built
   * included (false: it certainly is in neither), from the id's {@link #hash}.
   */
  boolean edgeMayBeKnown(long h) {
    return storeHadEdges || edgeIds.mayContain(h);
  }

  /** Records a new edge id, from its {@link #hash}, as the batch takes it in. */
  void addEdge(long h) {
    edgeIds.add(h);
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
