package io.nereid.graph.tools;

import io.nereid.graph.quad.Quad;
import io.nereid.graph.stats.Statistics;
import io.nereid.kv.ByteKeys;
import io.nereid.kv.KeyRange;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvEntry;
import io.nereid.kv.KvIterator;
import io.nereid.kv.Snapshot;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/** Statistics of one partition recomputed from its quads, compared with the stored counters. */
final class ExpectedStats {

  private final Map<ByteBuffer, Long> counts = new HashMap<>();

  private void inc(byte[] key) {
    counts.merge(ByteBuffer.wrap(key), 1L, Long::sum);
  }

  void vertex(Quad label) {
    inc(Statistics.verticesKey());
    inc(Statistics.vertexLabelKey(label.objectId()));
  }

  void outEdge(Quad edge) {
    inc(Statistics.edgesKey());
    inc(Statistics.edgeLabelKey(edge.p()));
    inc(Statistics.degreeKey(edge.s(), Statistics.OUT, edge.p()));
  }

  void inEdge(Quad edge) {
    inc(Statistics.degreeKey(edge.objectId(), Statistics.IN, edge.p()));
  }

  void property(Quad q) {
    inc(Statistics.propertyKey(q.kind(), q.p()));
  }

  void compare(Snapshot snap, KeySpace stats, int p, ConsistencyReport report) {
    try (KvIterator it = snap.scan(p, stats, KeyRange.all())) {
      while (it.hasNext()) {
        KvEntry e = it.next();
        report.count("stats");
        Long expected = counts.remove(ByteBuffer.wrap(e.key()));
        long stored = Statistics.value(e.value());
        if (stored != (expected == null ? 0 : expected)) {
          report.problem(
              "stats["
                  + p
                  + "] "
                  + ByteKeys.toHex(e.key())
                  + " = "
                  + stored
                  + ", recount gives "
                  + (expected == null ? 0 : expected));
        }
      }
    }
    counts.forEach(
        (k, v) ->
            report.problem(
                "stats[" + p + "] " + ByteKeys.toHex(k.array()) + " missing, recount gives " + v));
  }
}
