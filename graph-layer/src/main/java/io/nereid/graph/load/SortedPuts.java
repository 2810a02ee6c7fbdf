package io.nereid.graph.load;

import io.nereid.kv.BulkBatch;
import io.nereid.kv.KeySpace;
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

  /**
   * A put. {@code head} is the key's first 8 bytes as an unsigned number, so that most comparisons
   * while sorting are one long comparison rather than a byte-array walk.
   */
  private record Entry(long head, byte[] key, byte[] value) {
    static Entry of(byte[] key, byte[] value) {
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (i < key.length ? key[i] & 0xFF : 0);
      }
      return new Entry(h, key, value);
    }

    static int compare(Entry a, Entry b) {
      int c = Long.compareUnsigned(a.head, b.head);
      return c != 0 ? c : Arrays.compareUnsigned(a.key, b.key);
    }
  }

  /**
   * A counter key as a map key. Counter keys are short and alike (kind byte, varint vertex id,
   * direction, varint label), so the polynomial hash of {@code Arrays.hashCode} collides heavily;
   * this mixes every byte.
   */
  private record CounterKey(byte[] key, int space, int hash) {
    static CounterKey of(byte[] key, int space) {
      long h = 0x9E3779B97F4A7C15L * (space + 1);
      for (byte b : key) {
        h = (h ^ (b & 0xFF)) * 0xff51afd7ed558ccdL;
        h ^= h >>> 29;
      }
      return new CounterKey(key, space, (int) (h ^ (h >>> 32)));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof CounterKey k && k.space == space && Arrays.equals(k.key, key);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private final List<KeySpace> spaces;
  private final List<Entry>[][] puts; // [partition][space index]
  private final Map<CounterKey, long[]>[] counters; // per partition: key -> {delta}
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
    puts[partition][index(space)].add(Entry.of(key, value));
    size++;
  }

  void add(int partition, KeySpace space, byte[] key, long delta) {
    counters[partition].computeIfAbsent(CounterKey.of(key, index(space)), x -> new long[1])[0] +=
        delta;
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
                    .forEach(l -> l.sort(Entry::compare)))
        .join();
    for (int p = 0; p < puts.length; p++) {
      for (int s = 0; s < puts[p].length; s++) {
        for (Entry e : puts[p][s]) {
          batch.put(p, spaces.get(s), e.key, e.value);
        }
      }
      for (Map.Entry<CounterKey, long[]> c : counters[p].entrySet()) {
        if (c.getValue()[0] != 0) {
          batch.add(p, spaces.get(c.getKey().space()), c.getKey().key(), c.getValue()[0]);
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
