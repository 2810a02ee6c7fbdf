package io.nereid.graph.load;

import io.nereid.kv.BulkBatch;
import io.nereid.kv.KeySpace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;

/**
 * The puts and counter additions of one bulk batch, kept per partition and key space, sorted (in
 * parallel) before they go to the kv {@link BulkBatch}: in key order, each partition appends with
 * MDB_APPEND whatever lies beyond its last key and puts the rest with good locality. Counter
 * additions are summed first, so a counter touched by many rows (a vertex's degree, a label's
 * count) costs one kv operation per batch.
 */
final class SortedPuts {

  private record Entry(byte[] key, byte[] value) {}

  private final List<KeySpace> spaces;
  private final List<Entry>[][] puts; // [partition][space index]
  private final Map<String, long[]>[] counters; // per partition: latin-1 key -> {space, delta}
  private long size;

  @SuppressWarnings("unchecked")
  SortedPuts(int partitions, List<KeySpace> spaces) {
    this.spaces = spaces;
    this.puts = new List[partitions][spaces.size()];
    this.counters = new Map[partitions];
    for (int p = 0; p < partitions; p++) {
      counters[p] = new HashMap<>();
      for (int s = 0; s < spaces.size(); s++) {
        puts[p][s] = new ArrayList<>();
      }
    }
  }

  void put(int partition, KeySpace space, byte[] key, byte[] value) {
    puts[partition][index(space)].add(new Entry(key, value));
    size++;
  }

  void add(int partition, KeySpace space, byte[] key, long delta) {
    String k = new String(key, StandardCharsets.ISO_8859_1); // a byte-exact map key
    long[] v = counters[partition].computeIfAbsent(k, x -> new long[] {index(space), 0});
    v[1] += delta;
  }

  long size() {
    return size;
  }

  /** Sorts every partition's keys in {@code pool}, then hands everything to {@code batch}. */
  void writeTo(BulkBatch batch, ForkJoinPool pool) {
    List<List<Entry>> all = new ArrayList<>();
    for (List<Entry>[] byPartition : puts) {
      all.addAll(Arrays.asList(byPartition));
    }
    pool.submit(
            () ->
                all.parallelStream()
                    .forEach(l -> l.sort((a, b) -> Arrays.compareUnsigned(a.key, b.key))))
        .join();
    for (int p = 0; p < puts.length; p++) {
      for (int s = 0; s < puts[p].length; s++) {
        for (Entry e : puts[p][s]) {
          batch.put(p, spaces.get(s), e.key, e.value);
        }
      }
      for (Map.Entry<String, long[]> c : counters[p].entrySet()) {
        if (c.getValue()[1] != 0) {
          batch.add(p, spaces.get((int) c.getValue()[0]),
              c.getKey().getBytes(StandardCharsets.ISO_8859_1), c.getValue()[1]);
        }
      }
    }
  }

  private int index(KeySpace space) {
    int i = space.index();
    if (spaces.get(i) != space && !spaces.get(i).equals(space)) {
      throw new IllegalArgumentException("foreign key space " + space);
    }
    return i;
  }
}
