package io.nereid.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The graph benchmark on a tiny graph: both graphs load the same CSV and agree on every query. */
class GraphBenchSmokeTest {

  @TempDir Path dir;

  @Test
  void bothGraphsAgreeOnEveryQuery() throws Exception {
    GraphParams p = GraphParams.parse(GraphParams.quick(), List.of(
        "--persons", "400", "--samples", "40", "--warmups", "0", "--rounds", "1",
        "--scan-runs", "1", "--batch", "500", "--partitions", "2"));
    GraphBench.Outcome out = GraphBench.measure(p, dir.resolve("csv"), dir.resolve("nereid"), List.of());
    assertEquals(List.of(), out.problems);
    assertEquals(400, out.graph.persons);
    assertEquals(4000, out.graph.knowsEdges);
    assertEquals(new GraphLoader.Counts(410, 4400, 4000 + 400 * 2 + 10),
        out.load.nereidCounts());
    assertEquals(out.load.tinkerCounts(), out.load.nereidCounts());
    assertEquals(GraphQueries.all(p.sinceAfter()).size(), out.queries.size());
    for (GraphBench.QueryOutcome q : out.queries) {
      assertFalse(q.tinker.rounds.isEmpty(), q.query.key());
      assertTrue(q.nereid.medianMicros() > 0, q.query.key());
      assertTrue(q.ratio() > 0, q.query.key());
    }
    String section = GraphReport.section(p, MachineInfo.collect(dir), "0 0 0",
        java.time.ZonedDateTime.now(), "bench/run graph", out);
    assertTrue(section.startsWith(GraphReport.HEADING + "\n"), section);
    assertTrue(section.contains("| 2-hop dedup count |"), section);
  }

  @Test
  void theBulkLoaderLoadsTheSameGraph() throws Exception {
    GraphParams p = GraphParams.parse(GraphParams.quick(), List.of(
        "--persons", "300", "--samples", "20", "--warmups", "0", "--rounds", "1",
        "--scan-runs", "1", "--partitions", "2", "--nereid-loader", "bulk"));
    GraphBench.Outcome out = GraphBench.measure(p, dir.resolve("csv"), dir.resolve("nereid"),
        List.of("point-read", "two-hop", "since-limit", "mean-age", "edge-count"));
    assertEquals(List.of(), out.problems);
    assertEquals(out.load.tinkerCounts(), out.load.nereidCounts());
    assertEquals(5, out.queries.size());
  }

  @Test
  void theGeneratedCsvIsDeterministic() throws Exception {
    GraphParams p = GraphParams.parse(GraphParams.quick(), List.of("--persons", "200"));
    SocialGraph a = SocialGraph.generate(p, dir.resolve("a"));
    SocialGraph b = SocialGraph.generate(p, dir.resolve("b"));
    for (int i = 0; i < a.files().size(); i++) {
      assertEquals(Files.readString(a.files().get(i)), Files.readString(b.files().get(i)));
    }
    assertEquals("~id,~label,name:String,age:Int",
        Files.readAllLines(a.files().get(0)).get(0));
    assertEquals("~id,~from,~to,~label,since:Int",
        Files.readAllLines(a.files().get(2)).get(0));
    assertEquals(2000, a.knowsEdges);
  }

  @Test
  void csvFieldsFollowRfc4180() {
    assertEquals(List.of("a", "b c", "x,\"y\"", ""), CsvGraphLoader.split("a, b c ,\"x,\"\"y\"\"\","));
  }

  @Test
  void graphParamsRoundTripThroughTheirOptions() {
    GraphParams p = GraphParams.parse(GraphParams.defaults(), List.of("--persons", "1_000"));
    assertEquals(1000, p.persons());
    assertEquals(10, p.cityCount());
    assertEquals(p, GraphParams.parse(GraphParams.quick(), p.toArgs()));
  }
}
