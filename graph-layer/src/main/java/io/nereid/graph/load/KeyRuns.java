package io.nereid.graph.load;

import io.nereid.graph.GraphSpaces;
import io.nereid.graph.stats.Statistics;
import io.nereid.kv.BulkBatch;
import io.nereid.kv.KeySpace;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Function;

/**
 * The puts and counter additions of one bulk batch, one {@link KeyRun} per partition and key
 * space, sorted (runs in parallel) before they go to the kv {@link BulkBatch}: in key order, each
 * partition appends with MDB_APPEND whatever lies beyond its last key and puts the rest with good
 * locality. Counter additions to one key are summed (the sorted run puts them side by side), so a
 * counter touched by many rows of a batch costs one kv operation.
 */
final class KeyRuns {

  private final List<KeySpace> spaces;
  private final KeyRun[][] puts; // [partition][space index], made on first use
  private final KeyRun[][] counters;
  private final int expectedPerRun;
  private long size;

  /** {@code expectedPerRun}: the initial capacity of a run, in entries. */
  KeyRuns(int partitions, List<KeySpace> spaces, int expectedPerRun) {
    this.spaces = spaces;
    this.puts = new KeyRun[partitions][spaces.size()];
    this.counters = new KeyRun[partitions][spaces.size()];
    this.expectedPerRun = expectedPerRun;
  }

  /** Adds a put of {@code key[0, keyLength)} with {@code value[valueOffset, +valueLength)}. */
  void put(int partition, KeySpace space, byte[] key, int keyLength, byte[] value,
      int valueOffset, int valueLength) {
    run(puts, partition, space).put(key, keyLength, value, valueOffset, valueLength);
    size++;
  }

  void put(int partition, KeySpace space, byte[] key, byte[] value) {
    put(partition, space, key, key.length, value, 0, value.length);
  }

  /** Adds {@code delta} to the counter {@code key[0, keyLength)}. */
  void add(int partition, KeySpace space, byte[] key, int keyLength, long delta) {
    run(counters, partition, space).addCounter(key, keyLength, delta);
  }

  void add(int partition, KeySpace space, byte[] key, long delta) {
    add(partition, space, key, key.length, delta);
  }

  /** Empties every run, keeping the arrays: a writer reuses its runs batch after batch. */
  void clear() {
    for (KeyRun[][] runs : List.of(puts, counters)) {
      for (KeyRun[] byPartition : runs) {
        for (KeyRun r : byPartition) {
          if (r != null) {
            r.clear();
          }
        }
      }
    }
    size = 0;
  }

  /**
   * Appends {@code other}'s entries to these runs, run by run (partition, key space, puts or
   * counters), after this one's own: keys in order in each stay in order when {@code other}'s
   * follow this one's.
   */
  void append(KeyRuns other) {
    for (int p = 0; p < puts.length; p++) {
      for (int s = 0; s < spaces.size(); s++) {
        appendRun(puts, other.puts, p, s);
        appendRun(counters, other.counters, p, s);
      }
    }
    size += other.size;
  }

  private void appendRun(KeyRun[][] mine, KeyRun[][] theirs, int p, int s) {
    KeyRun r = theirs[p][s];
    if (r != null && r.count() > 0) {
      KeyRun into = mine[p][s];
      if (into == null) {
        into = mine[p][s] = new KeyRun(Math.max(expectedPerRun, r.count()));
      }
      into.append(r);
    }
  }

  /** Number of puts. */
  long size() {
    return size;
  }

  private KeyRun run(KeyRun[][] runs, int partition, KeySpace space) {
    int s = index(space);
    KeyRun r = runs[partition][s];
    if (r == null) {
      r = runs[partition][s] = new KeyRun(expectedPerRun);
    }
    return r;
  }

  /**
   * Sorts every run in {@code pool}, then hands everything to {@code batch}, partition by
   * partition: puts by key space, then counters (equal keys summed, zero sums left out). With
   * {@code deferred} (the graph's key spaces, for an offline load into an empty store), the puts
   * of the key spaces {@link PendingRuns#defersPuts} names and the degree counters of {@code stats}
   * are not handed over but given, sorted, to {@code sink} (which writes a run file), in the pool
   * while this thread fills the batch; returns what the sink returned (null without deferral).
   */
  <T> T writeTo(BulkBatch batch, ForkJoinPool pool, GraphSpaces deferred,
      Function<List<RunFile.Part>, T> sink) {
    List<KeyRun> kept = new ArrayList<>();
    List<KeyRun> later = new ArrayList<>();
    for (KeyRun[][] runs : List.of(puts, counters)) {
      for (int p = 0; p < runs.length; p++) {
        for (int s = 0; s < spaces.size(); s++) {
          KeyRun r = runs[p][s];
          if (r != null && r.count() > 1) {
            boolean deferredRun = deferred != null && runs == puts
                && PendingRuns.defersPuts(deferred, spaces.get(s));
            (deferredRun ? later : kept).add(r);
          }
        }
      }
    }
    sortAll(kept, pool);
    // the deferred runs are sorted and written to their file while the batch is filled
    ForkJoinTask<T> deferredTask = deferred == null ? null : pool.submit(() -> {
      sortAll(later, pool);
      return sink.apply(deferredParts(deferred));
    });
    try {
      fill(batch, deferred);
    } catch (RuntimeException e) {
      if (deferredTask != null) {
        deferredTask.quietlyJoin();
      }
      throw e;
    }
    return deferredTask == null ? null : deferredTask.join();
  }

  private static void sortAll(List<KeyRun> runs, ForkJoinPool pool) {
    // the biggest first, so that the pool's threads finish together
    runs.sort((a, b) -> Integer.compare(b.count(), a.count()));
    if (ForkJoinTask.inForkJoinPool()) {
      runs.parallelStream().forEach(KeyRun::sort);
    } else {
      pool.submit(() -> runs.parallelStream().forEach(KeyRun::sort)).join();
    }
  }

  /** The sorted deferred runs: puts of the deferred key spaces, degree counters of stats. */
  private List<RunFile.Part> deferredParts(GraphSpaces deferred) {
    List<RunFile.Part> parts = new ArrayList<>();
    for (int p = 0; p < puts.length; p++) {
      for (int s = 0; s < spaces.size(); s++) {
        KeyRun r = puts[p][s];
        if (r != null && r.count() > 0 && PendingRuns.defersPuts(deferred, spaces.get(s))) {
          parts.add(new RunFile.Part(p, s, false, r, 0, r.count(),
              spaces.get(s).equals(deferred.xid())));
        }
      }
      KeyRun c = counters[p][deferred.stats().index()];
      if (c != null) {
        int from = c.firstAtOrAbove(Statistics.DEGREE); // sorted: the degree counters come last
        if (from < c.count()) {
          parts.add(new RunFile.Part(p, deferred.stats().index(), true, c, from, c.count(),
              false));
        }
      }
    }
    return parts;
  }

  /** Hands the runs that are not deferred to {@code batch}, as slices of the runs' arrays. */
  private void fill(BulkBatch batch, GraphSpaces deferred) {
    for (int p = 0; p < puts.length; p++) {
      for (int s = 0; s < spaces.size(); s++) {
        KeyRun r = puts[p][s];
        if (r == null || r.count() == 0) {
          continue;
        }
        if (deferred != null && PendingRuns.defersPuts(deferred, spaces.get(s))) {
          continue;
        }
        byte[] data = r.data();
        for (int i = 0; i < r.count(); i++) {
          batch.put(p, spaces.get(s), data, r.keyOffset(i), r.keyLength(i), data,
              r.valueOffset(i), r.valueLength(i));
        }
      }
      for (int s = 0; s < spaces.size(); s++) {
        KeyRun r = counters[p][s];
        if (r == null) {
          continue;
        }
        byte[] data = r.data();
        int end = r.count();
        if (deferred != null && spaces.get(s).equals(deferred.stats())) {
          end = r.firstAtOrAbove(Statistics.DEGREE); // the degree counters: deferred
        }
        for (int i = 0; i < end; ) {
          long sum = 0;
          int j = i;
          while (j < end && (j == i || r.sameKey(i, j))) {
            sum += r.delta(j++);
          }
          if (sum != 0) {
            batch.add(p, spaces.get(s), data, r.keyOffset(i), r.keyLength(i), sum);
          }
          i = j;
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
