package io.nereid.gremlin.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.graph.GraphSnapshot;
import io.nereid.graph.GraphStore;
import io.nereid.graph.tools.ConsistencyChecker;
import io.nereid.graph.tools.ConsistencyReport;
import io.nereid.gremlin.server.LoaderHttp.Answer;
import io.nereid.gremlin.structure.NereidGraph;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server stopped during a load: the load stops before the store closes (the store stays
 * consistent), the next server on the same data reports it from the job folder, and mode RESUME
 * over HTTP finishes it to exactly the file's graph.
 */
class LoaderRestartTest {

  @TempDir Path dir;

  @Test
  void aLoadStoppedWithTheServerIsReportedAndResumedByTheNextOne() throws Exception {
    int vertices = 1_000;
    // Enough that the load cannot finish between the poll that sees it started and the close
    // (the live mode commits batches of 2,000 statements as transactions).
    int edges = 120_000;
    Path big = dir.resolve("big");
    Files.createDirectories(big);
    try (BufferedWriter w = Files.newBufferedWriter(big.resolve("v.csv"))) {
      w.write("~id,~label\n");
      for (int i = 0; i < vertices; i++) {
        w.write("n" + i + ",node\n");
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(big.resolve("e.csv"))) {
      w.write("~id,~from,~to,~label\n");
      for (int i = 0; i < edges; i++) {
        w.write("e" + i + ",n" + (i % vertices) + ",n" + ((i * 13 + 5) % vertices) + ",link\n");
      }
    }
    String request = "{\"source\":" + LoaderHttp.quote(big.toString()) + ",\"format\":\"csv\"";
    Path data = dir.resolve("data");
    String id;
    try (TestServer first = TestServer.start(data)) {
      LoaderHttp http = new LoaderHttp(first);
      id = http.start(request + ",\"mode\":\"NEW\"}");
      http.await(id, a -> a.number("/payload/overallStatus/totalRecords") > vertices);
    } // closing the server stops the load first
    try (TestServer second = TestServer.start(data)) {
      LoaderHttp http = new LoaderHttp(second);
      Answer before = http.get("/loader/" + id);
      assertEquals(200, before.status(), before.body().toString());
      assertEquals("LOAD_CANCELLED_BY_USER", before.text("/payload/overallStatus/status"));
      long part = before.number("/payload/overallStatus/totalRecords");
      assertTrue(part > vertices && part < vertices + edges, "stopped part-way: " + part);
      assertTrue(http.get("/loader").body().at("/payload/loadIds").toString().contains(id));

      String resumed = http.start(request + ",\"mode\":\"RESUME\"}");
      assertEquals(id, resumed, "RESUME continues the same load");
      Answer end = http.awaitEnd(id);
      assertEquals("LOAD_COMPLETED", end.text("/payload/overallStatus/status"), end.body().toString());
      assertEquals(2, end.number("/payload/overallStatus/runNumber"));
      assertEquals(vertices + edges, end.number("/payload/overallStatus/totalRecords"));

      GraphStore store = ((NereidGraph) second.server().graphManager().getGraph("graph")).store();
      try (GraphSnapshot s = store.snapshot()) {
        assertEquals(vertices, s.vertexCount("node"));
        assertEquals(edges, s.edgeCount("link"));
      }
      ConsistencyReport report = new ConsistencyChecker(store).check();
      assertTrue(report.isConsistent(), report.toString());
    }
  }
}
