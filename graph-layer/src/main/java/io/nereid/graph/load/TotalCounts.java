package io.nereid.graph.load;

import io.nereid.graph.quad.QuadKind;
import io.nereid.graph.stats.Statistics;
import io.nereid.kv.KeySpace;
import java.util.HashMap;
import java.util.Map;

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
  /** (term << 3 | counter) → count per partition. */
  private final Map<Long, long[]> counts = new HashMap<>();

  TotalCounts(int partitions) {
    this.partitions = partitions;
  }

  /** Adds one to {@code counter} (of {@code term}, for the per-label and per-key counters). */
  void increment(int counter, long term, int partition) {
    Long key = term << 3 | counter;
    long[] perPartition = counts.get(key);
    if (perPartition == null) { // not computeIfAbsent: its capturing lambda is an allocation per fact
      counts.put(key, perPartition = new long[partitions]);
    }
    perPartition[partition]++;
  }

  /** Adds {@code other}'s counts to these. */
  void add(TotalCounts other) {
    for (Map.Entry<Long, long[]> e : other.counts.entrySet()) {
      long[] mine = counts.get(e.getKey());
      if (mine == null) {
        counts.put(e.getKey(), e.getValue().clone());
      } else {
        for (int p = 0; p < partitions; p++) {
          mine[p] += e.getValue()[p];
        }
      }
    }
  }

  /** Adds the sums to {@code runs} as counter additions in {@code stats}. */
  void writeTo(KeyRuns runs, KeySpace stats) {
    for (Map.Entry<Long, long[]> e : counts.entrySet()) {
      long term = e.getKey() >>> 3;
      byte[] key = switch ((int) (e.getKey() & 7)) {
        case VERTICES -> Statistics.verticesKey();
        case EDGES -> Statistics.edgesKey();
        case VERTEX_LABEL -> Statistics.vertexLabelKey(term);
        case EDGE_LABEL -> Statistics.edgeLabelKey(term);
        case VERTEX_PROPERTY -> Statistics.propertyKey(QuadKind.VERTEX_PROPERTY, term);
        case EDGE_PROPERTY -> Statistics.propertyKey(QuadKind.EDGE_PROPERTY, term);
        default -> throw new IllegalStateException("counter " + (e.getKey() & 7));
      };
      long[] perPartition = e.getValue();
      for (int p = 0; p < partitions; p++) {
        if (perPartition[p] != 0) {
          runs.add(p, stats, key, perPartition[p]);
        }
      }
    }
  }
}
