package io.nereid.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.graph.CloseableIterator;
import io.nereid.graph.GraphSnapshot;
import io.nereid.graph.GraphStore;
import io.nereid.graph.TestStores;
import io.nereid.graph.VertexPropertyRecord;
import io.nereid.graph.VertexRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the real air-routes folder (../shared/data/air-routes, read in place) and checks the graph
 * against counts and values taken from the CSV files by a separate, deliberately simple reader in
 * this test: vertices and edges per label, every property of every vertex and edge with its
 * declared type (runways Integer, lat Double, ...), and the consistency checker.
 */
class AirRoutesLoadTest {

  static final Path AIR_ROUTES = locate();

  @TempDir static Path tmp;
  static GraphStore store;
  static LoadJob.View result;
  static List<List<String>> nodes;
  static List<List<String>> edges;

  static Path locate() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path c = p.resolve("shared/data/air-routes");
      if (Files.isDirectory(c)) {
        return c;
      }
      c = p.resolve("../shared/data/air-routes").normalize();
      if (Files.isDirectory(c)) {
        return c;
      }
    }
    return null;
  }

  @BeforeAll
  static void load() throws IOException {
    Assertions.assertNotNull(AIR_ROUTES,
        "shared/data/air-routes not found beside the repository or in a folder above it");
    nodes = readCsv(AIR_ROUTES.resolve("air-routes-nodes.csv"));
    edges = readCsv(AIR_ROUTES.resolve("air-routes-edges.csv"));
    store = LoadTestSupport.open(tmp.resolve("store"));
    result = LoadTestSupport.load(store, tmp.resolve("jobs"),
        LoadOptions.defaults().withBatchStatements(20_000), AIR_ROUTES);
  }

  @org.junit.jupiter.api.AfterAll
  static void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void loadCompletesWithoutErrors() {
    assertEquals(LoadStatus.LOAD_COMPLETED, result.status(), result.errors().toString());
    assertEquals(0, result.overall().errors());
    assertEquals(2, result.feeds().size(), "only the two CSV files of the folder");
    TestStores.assertConsistent(store);
  }

  @Test
  void vertexAndEdgeCountsPerLabelMatchTheFiles() {
    Map<String, Long> vertexLabels = new TreeMap<>();
    for (List<String> r : nodes.subList(1, nodes.size())) {
      vertexLabels.merge(r.get(1), 1L, Long::sum);
    }
    Map<String, Long> edgeLabels = new TreeMap<>();
    for (List<String> r : edges.subList(1, edges.size())) {
      edgeLabels.merge(r.get(3), 1L, Long::sum);
    }
    try (GraphSnapshot s = store.snapshot()) {
      assertEquals(nodes.size() - 1, s.vertexCount());
      assertEquals(edges.size() - 1, s.edgeCount());
      vertexLabels.forEach((l, n) -> assertEquals(n, s.vertexCount(l), "vertices " + l));
      edgeLabels.forEach((l, n) -> assertEquals(n, s.edgeCount(l), "edges " + l));
      assertEquals(nodes.size() - 1, s.vertices().count(), "scanned vertices");
      assertEquals(edges.size() - 1, s.edges().count(), "scanned edges");
    }
    // Sanity of the independent reader itself (the numbers published for this data set).
    assertEquals(3504L, vertexLabels.get("airport"));
    assertEquals(50637L, edgeLabels.get("route"));
  }

  @Test
  void everyVertexPropertyComesBackWithItsDeclaredType() {
    List<String> header = nodes.get(0);
    try (GraphSnapshot s = store.snapshot()) {
      for (List<String> row : nodes.subList(1, nodes.size())) {
        VertexRecord v = s.vertex(row.get(0)).orElseThrow(() -> new AssertionError(row.get(0)));
        assertEquals(row.get(1), v.label());
        Map<String, Object> want = new HashMap<>();
        for (int c = 2; c < header.size(); c++) {
          if (!row.get(c).isEmpty()) {
            String[] nt = header.get(c).split(":");
            want.put(nt[0], switch (nt[1]) {
              case "int" -> Integer.valueOf(row.get(c));
              case "double" -> Double.valueOf(row.get(c));
              default -> row.get(c);
            });
          }
        }
        Map<String, Object> got = new HashMap<>();
        try (CloseableIterator<VertexPropertyRecord> ps = s.vertexProperties(v.id())) {
          ps.forEachRemaining(p -> assertEquals(null, got.put(p.key(), p.value()), p.key()));
        }
        assertEquals(want, got, "vertex " + row.get(0));
      }
      VertexRecord atl = s.verticesByProperty("airport", "code", "ATL").toList().get(0);
      Object runways = s.vertexProperties(atl.id(), "runways").toList().get(0).value();
      Object lat = s.vertexProperties(atl.id(), "lat").toList().get(0).value();
      assertTrue(runways instanceof Integer, "runways is " + runways.getClass());
      assertTrue(lat instanceof Double, "lat is " + lat.getClass());
    }
  }

  @Test
  void everyEdgeHasItsEndsLabelAndDistance() {
    try (GraphSnapshot s = store.snapshot()) {
      for (List<String> row : edges.subList(1, edges.size())) {
        var e = s.edge(row.get(0)).orElseThrow(() -> new AssertionError(row.get(0)));
        assertEquals(row.get(3), e.label());
        assertEquals(row.get(1), s.vertex(e.outVertexId()).orElseThrow().externalId());
        assertEquals(row.get(2), s.vertex(e.inVertexId()).orElseThrow().externalId());
        Object dist = s.edgeProperty(e.id(), "dist").orElse(null);
        assertEquals(row.get(4).isEmpty() ? null : Integer.valueOf(row.get(4)), dist);
      }
    }
  }

  @Test
  void statementCountsFollowNeptune() {
    long statements = 0;
    for (List<String> r : nodes.subList(1, nodes.size())) {
      statements += r.stream().skip(1).filter(f -> !f.isEmpty()).count(); // label + values
    }
    for (List<String> r : edges.subList(1, edges.size())) {
      statements += 1 + (r.get(4).isEmpty() ? 0 : 1);
    }
    assertEquals(statements, result.overall().totalRecords);
    assertEquals(0, result.overall().totalDuplicates);
  }

  /** A minimal RFC 4180 reader for these two files (no line breaks inside quotes in them). */
  static List<List<String>> readCsv(Path f) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
      if (line.isEmpty()) {
        continue;
      }
      List<String> fields = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
            cur.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            cur.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          fields.add(cur.toString());
          cur.setLength(0);
        } else {
          cur.append(c);
        }
      }
      fields.add(cur.toString());
      rows.add(fields);
    }
    return rows;
  }
}
