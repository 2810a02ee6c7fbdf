package io.nereid.graph.dict;

import io.nereid.graph.quad.Partitioner;
import java.util.ArrayDeque;

/**
 * Internal ids of vertices, edges and vertex properties, one sequence for all three so that a
 * subject id never needs a type tag. An id's partition is {@code id mod partitions}; this allocator
 * can hand out an id of any requested partition, which is how an edge lands in the partition of its
 * out-vertex and a vertex property in the partition of its vertex. New vertices are spread
 * round-robin.
 *
 * <p>Blocks are {@code partitions * perPartition} ids starting at a multiple of the partition
 * count; each block gives every partition an arithmetic run of {@code perPartition} ids. Runs a
 * partition has not used yet are queued (a few at most; beyond that they are dropped, leaving
 * gaps).
 */
public final class ElementIds {

  private static final int MAX_QUEUED_RUNS = 4;

  private final BlockAllocator allocator;
  private final Partitioner partitioner;
  private final int perPartition;
  private final ArrayDeque<long[]>[] runs; // per partition: {next id, ids left}
  private int roundRobin;

  @SuppressWarnings("unchecked")
  public ElementIds(BlockAllocator allocator, Partitioner partitioner, int perPartition) {
    this.allocator = allocator;
    this.partitioner = partitioner;
    this.perPartition = perPartition;
    this.runs = new ArrayDeque[partitioner.count()];
    for (int i = 0; i < runs.length; i++) {
      runs[i] = new ArrayDeque<>();
    }
  }

  /** A new vertex id; vertices are spread over the partitions in turn. */
  public synchronized long nextVertexId() {
    int p = roundRobin;
    roundRobin = (roundRobin + 1) % runs.length;
    return nextInPartition(p);
  }

  /** A new id placed in {@code partition} (for edges and properties of a vertex there). */
  public synchronized long nextInPartition(int partition) {
    ArrayDeque<long[]> queue = runs[partition];
    if (queue.isEmpty()) {
      refill();
    }
    long[] run = queue.peekFirst();
    long id = run[0];
    run[0] += runs.length;
    if (--run[1] == 0) {
      queue.removeFirst();
    }
    return id;
  }

  private void refill() {
    int n = runs.length;
    long start = allocator.allocate((long) n * perPartition);
    if (start % n != 0) {
      throw new IllegalStateException(
          "element id counter is not a multiple of " + n + ": " + start);
    }
    for (int p = 0; p < n; p++) {
      if (runs[p].size() < MAX_QUEUED_RUNS) {
        runs[p].addLast(new long[] {start + p, perPartition});
      }
    }
  }

  public Partitioner partitioner() {
    return partitioner;
  }
}
