package io.nereid.gremlin.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.graph.GraphSnapshot;
import io.nereid.graph.GraphStore;
import io.nereid.graph.tools.ConsistencyChecker;
import io.nereid.graph.tools.ConsistencyReport;
import io.nereid.gremlin.server.LoaderHttp.Answer;
import io.nereid.gremlin.structure.NereidGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.util.ser.Serializers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads air-routes over HTTP into a server while a client keeps writing (its own vertices, a chain
 * of edges between them, and edges to airports the load is creating — these attach to the
 * loader's vertices and may lose write conflicts, which the client retries) and reading (the
 * airport count never goes down). Then: exact counts per label, derived from the CSV files as the
 * graph-layer's AirRoutesLoadTest derives them, plus the client's; every write the client saw
 * succeed is there; the consistency checker finds nothing.
 */
class LiveLoadWhileServingTest {

  static final Path AIR_ROUTES = Path.of("..", "..", "shared", "data", "air-routes");

  @TempDir Path dir;

  @Test
  void airRoutesLoadsOverHttpWhileAClientReadsAndWrites() throws Exception {
    assertTrue(Files.isDirectory(AIR_ROUTES), "air-routes not found at " + AIR_ROUTES.toAbsolutePath());
    Map<String, Long> vertexLabels = labelCounts(AIR_ROUTES.resolve("air-routes-nodes.csv"), 1);
    Map<String, Long> edgeLabels = labelCounts(AIR_ROUTES.resolve("air-routes-edges.csv"), 3);
    try (TestServer server = TestServer.start(dir.resolve("data"))) {
      LoaderHttp http = new LoaderHttp(server);
      GraphTraversalSource g = server.remote(server.cluster(Serializers.GRAPHBINARY_V1));
      AtomicBoolean loadDone = new AtomicBoolean();
      List<Integer> visits = new ArrayList<>(); // probes that got an edge to airport 1
      List<Integer> probes = new ArrayList<>();
      Thread client = new Thread(() -> {
        long lastAirports = 0;
        int after = 0; // keep going a little after the load, too
        for (int i = 0; after < 20; i++) {
          if (loadDone.get()) {
            after++;
          }
          final int n = i;
          retried(() -> g.addV("probe").property(T.id, "probe-" + n).property("n", n).next());
          if (n > 0) {
            retried(() -> g.V("probe-" + n).addE("next").to(__.V("probe-" + (n - 1))).next());
          }
          // Airport 1 exists once the loader committed it: then the edge attaches to it.
          long added = retried(() -> g.V("1").as("a").V("probe-" + n).addE("visits").to("a")
              .count().next());
          if (added == 1) {
            visits.add(n);
          }
          probes.add(n);
          long airports = g.V().hasLabel("airport").count().next();
          if (airports < lastAirports) {
            throw new AssertionError("airports went from " + lastAirports + " to " + airports);
          }
          lastAirports = airports;
        }
      }, "live-load-client");
      List<Throwable> clientFailure = new ArrayList<>();
      client.setUncaughtExceptionHandler((t, e) -> clientFailure.add(e));
      client.start();

      String id = http.start("{\"source\":" + LoaderHttp.quote(AIR_ROUTES.toAbsolutePath()
          .normalize().toString()) + ",\"format\":\"csv\",\"mode\":\"NEW\"}");
      Answer end = http.awaitEnd(id);
      loadDone.set(true);
      client.join(120_000);
      assertTrue(clientFailure.isEmpty(), () -> "client failed: " + clientFailure);
      assertTrue(!client.isAlive(), "client did not finish");
      assertEquals("LOAD_COMPLETED", end.text("/payload/overallStatus/status"),
          end.body().toString());
      assertTrue(!visits.isEmpty(), "the client attached to loaded airports at least once");

      GraphStore store = ((NereidGraph) server.server().graphManager().getGraph("graph")).store();
      try (GraphSnapshot s = store.snapshot()) {
        vertexLabels.forEach((l, n) -> assertEquals(n, s.vertexCount(l), "vertices " + l));
        edgeLabels.forEach((l, n) -> assertEquals(n, s.edgeCount(l), "edges " + l));
        assertEquals(probes.size(), s.vertexCount("probe"));
        assertEquals(probes.size() - 1, s.edgeCount("next"));
        assertEquals(visits.size(), s.edgeCount("visits"));
        long total = vertexLabels.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(total + probes.size(), s.vertexCount());
      }
      // The client's writes, as the client sees them.
      for (int n : probes) {
        assertEquals(List.of(n), g.V("probe-" + n).values("n").toList(), "probe-" + n);
      }
      assertEquals(visits.size(), g.V("1").inE("visits").count().next());
      ConsistencyReport report = new ConsistencyChecker(store).check();
      assertTrue(report.isConsistent(), report.toString());
    }
  }

  /** Runs a write, again when it lost a write conflict (nothing of it was written then). */
  private static <R> R retried(Callable<R> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.call();
      } catch (Exception e) {
        String m = String.valueOf(e.getMessage()) + " " + e.getCause();
        if (!m.contains("write conflict") || attempt == 50) {
          throw new AssertionError("write failed (attempt " + attempt + ")", e);
        }
      }
    }
  }

  /**
   * Counts of the label column of a CSV file (header skipped), by a deliberately simple reader:
   * fields split at commas outside double quotes.
   */
  static Map<String, Long> labelCounts(Path csv, int column) throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      if (line.isEmpty()) {
        continue;
      }
      List<String> fields = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      boolean quoted = false;
      for (char c : line.toCharArray()) {
        if (c == '"') {
          quoted = !quoted;
        } else if (c == ',' && !quoted) {
          fields.add(cur.toString());
          cur.setLength(0);
        } else {
          cur.append(c);
        }
      }
      fields.add(cur.toString());
      counts.merge(fields.get(column), 1L, Long::sum);
    }
    assertNotNull(counts.isEmpty() ? null : counts, "no rows in " + csv);
    return counts;
  }
}
