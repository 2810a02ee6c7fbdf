package io.nereid.graph.load;

import io.nereid.graph.CloseableIterator;
import io.nereid.graph.EdgeRecord;
import io.nereid.graph.GraphSnapshot;
import io.nereid.graph.GraphStore;
import io.nereid.graph.PropertyRecord;
import io.nereid.graph.TestStores;
import io.nereid.graph.VertexPropertyRecord;
import io.nereid.graph.VertexRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/** Helpers for loader tests: run a load, and describe a graph by external ids for comparison. */
final class LoadTestSupport {

  private LoadTestSupport() {}

  static LoadJob.View load(GraphStore store, Path jobDir, LoadOptions options, Path... sources)
      throws IOException {
    return load(store, jobDir, options, false, sources);
  }

  /** {@code live}: with {@link BulkLoader#forLiveStore} (the server's loader). */
  static LoadJob.View load(GraphStore store, Path jobDir, LoadOptions options, boolean live,
      Path... sources) throws IOException {
    BulkLoader loader = live ? BulkLoader.forLiveStore(store, jobDir) : new BulkLoader(store, jobDir);
    return loader.run(loader.prepare(List.of(sources), options), null);
  }

  static GraphStore open(Path dir) {
    return GraphStore.open(dir, TestStores.config(4));
  }

  /** For tests that load many elements: larger id blocks (fewer side commits). */
  static GraphStore openLarge(Path dir) {
    return GraphStore.open(dir, TestStores.config(4).withIdsPerBlock(4096));
  }

  /**
   * The graph as text, by external ids only (internal ids differ between stores): one line per
   * vertex (id, label, sorted property values with their types) and per edge (id, label, ends,
   * properties), sorted.
   */
  static String describe(GraphStore store) {
    List<String> lines = new ArrayList<>();
    try (GraphSnapshot s = store.snapshot()) {
      TreeMap<Long, String> ext = new TreeMap<>();
      try (CloseableIterator<VertexRecord> vs = s.vertices()) {
        while (vs.hasNext()) {
          VertexRecord v = vs.next();
          ext.put(v.id(), v.externalId());
          TreeSet<String> props = new TreeSet<>();
          try (CloseableIterator<VertexPropertyRecord> ps = s.vertexProperties(v.id())) {
            ps.forEachRemaining(p -> props.add(p.key() + "=" + typed(p.value())));
          }
          lines.add("V " + v.externalId() + " " + v.label() + " " + props);
        }
      }
      try (CloseableIterator<EdgeRecord> es = s.edges()) {
        while (es.hasNext()) {
          EdgeRecord e = es.next();
          TreeSet<String> props = new TreeSet<>();
          try (CloseableIterator<PropertyRecord> ps = s.edgeProperties(e.id())) {
            ps.forEachRemaining(p -> props.add(p.key() + "=" + typed(p.value())));
          }
          lines.add("E " + e.externalId() + " " + e.label() + " " + ext.get(e.outVertexId())
              + "->" + ext.get(e.inVertexId()) + " " + props);
        }
      }
    }
    lines.sort(null);
    return String.join("\n", lines);
  }

  static String typed(Object v) {
    Object shown = v instanceof java.util.Date d ? d.getTime() : v;
    return shown + ":" + v.getClass().getSimpleName();
  }
}
