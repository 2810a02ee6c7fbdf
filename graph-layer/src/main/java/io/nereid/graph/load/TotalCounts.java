package io.nereid.graph.load;

import io.nereid.graph.quad.QuadKind;
import io.nereid.graph.stats.Statistics;
import io.nereid.kv.KeySpace;

/**
 * The graph-wide counters a batch changes (vertices, edges, per label, per property key), summed
 * per partition in memory: every fact adds to one or two of a handful of counters, so they cost a
 * map lookup each instead of a counter entry each. The per-vertex degree counters go to the
 * batch's sorted runs instead (there are as many of them as vertices).
 */
final class TotalCounts {

  static final int VERTICES = 0;
  static final int EDGES = 1;
  static final int VERTEX_LABEL = 2;
  static final int EDGE_LABEL = 3;
  static final int VERTEX_PROPERTY = 4;
  static final int EDGE_PROPERTY = 5;

  private final int partitions;
  /**
   * (term << 3 | counter) → count per partition, open addressing, at most half full: a handful of
   * keys, looked up once or twice per fact (a HashMap boxed every key and was a tenth of the
   * key builders' time).
   */
  private long[] keys = new long[16];
  private long[][] values = new long[16][];
  private int size;

  TotalCounts(int partitions) {
    this.partitions = partitions;
  }

  /** Adds one to {@code counter} (of {@code term}, for the per-label and per-key counters). */
  void increment(int counter, long term, int partition) {
    slot(term << 3 | counter)[partition]++;
  }

  /** The count of {@code counter} of {@code term} in {@code partition} (for tests). */
  long count(int counter, long term, int partition) {
    long key = term << 3 | counter;
    int mask = keys.length - 1;
    for (int i = spread(key) & mask; values[i] != null; i = (i + 1) & mask) {
      if (keys[i] == key) {
        return values[i][partition];
      }
    }
    return 0;
  }

  /** Adds {@code other}'s counts to these. */
  void add(TotalCounts other) {
    for (int i = 0; i < other.keys.length; i++) {
      long[] theirs = other.values[i];
      if (theirs != null) {
        long[] mine = slot(other.keys[i]);
        for (int p = 0; p < partitions; p++) {
          mine[p] += theirs[p];
        }
      }
    }
  }

  /** The counts of {@code key}, made (zero) on first use. */
  private long[] slot(long key) {
    int mask = keys.length - 1;
    for (int i = spread(key) & mask; ; i = (i + 1) & mask) {
      long[] v = values[i];
      if (v == null) {
        if (2 * (size + 1) > keys.length) {
          grow();
          return slot(key);
        }
        keys[i] = key;
        values[i] = v = new long[partitions];
        size++;
        return v;
      }
      if (keys[i] == key) {
        return v;
      }
    }
  }

  private void grow() {
    long[] oldKeys = keys;
    long[][] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new long[oldKeys.length * 2][];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldValues[j] != null) {
        int i = spread(oldKeys[j]) & mask;
        while (values[i] != null) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        values[i] = oldValues[j];
      }
    }
  }

  private static int spread(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 32);
  }

  /** Adds the sums to {@code runs} as counter additions in {@code stats}. */
  void writeTo(KeyRuns runs, KeySpace stats) {
    for (int i = 0; i < keys.length; i++) {
      long[] perPartition = values[i];
      if (perPartition == null) {
        continue;
      }
      long term = keys[i] >>> 3;
      byte[] key = switch ((int) (keys[i] & 7)) {
        case VERTICES -> Statistics.verticesKey();
        case EDGES -> Statistics.edgesKey();
        case VERTEX_LABEL -> Statistics.vertexLabelKey(term);
        case EDGE_LABEL -> Statistics.edgeLabelKey(term);
        case VERTEX_PROPERTY -> Statistics.propertyKey(QuadKind.VERTEX_PROPERTY, term);
        case EDGE_PROPERTY -> Statistics.propertyKey(QuadKind.EDGE_PROPERTY, term);
        default -> throw new IllegalStateException("counter " + (keys[i] & 7));
      };
      for (int p = 0; p < partitions; p++) {
        if (perPartition[p] != 0) {
          runs.add(p, stats, key, perPartition[p]);
        }
      }
    }
  }
}
