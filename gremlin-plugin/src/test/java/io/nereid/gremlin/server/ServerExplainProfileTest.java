package io.nereid.gremlin.server;

import static io.nereid.gremlin.server.HttpTestClient.json;
import static io.nereid.gremlin.server.HttpTestClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.apache.tinkerpop.shaded.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /gremlin/explain} and {@code /gremlin/profile} over HTTP on a real server. */
class ServerExplainProfileTest {

  static final String MARKO_KNOWS = "g.V().has('person','name','marko').out('knows')";

  @TempDir static Path dir;
  static TestServer server;
  static HttpTestClient http;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    http = new HttpTestClient(server);
    ok(http.postJson("/gremlin", params("gremlin",
        "g.addV('person').property(T.id,'1').property('name','marko').property('age',29)"
            + ".addV('person').property(T.id,'2').property('name','vadas').property('age',27)"
            + ".addV('person').property(T.id,'4').property('name','josh').property('age',32)"
            + ".addV('software').property(T.id,'3').property('name','lop')")));
    ok(http.postJson("/gremlin", params("gremlin",
        "g.V('1').as('a').V('2','4').addE('knows').from('a').V('1').as('b').V('3').addE('created').from('b')")));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void explainShowsTheNereidScanSteps() throws Exception {
    HttpResponse<String> r = http.postJson("/gremlin/explain", params("gremlin", MARKO_KNOWS));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    String report = r.body();
    for (String section : new String[] {"Nereid Gremlin Explain", "Query String\n====",
        "Original Traversal\n====", "Converted Traversal\n====", "Optimized Traversal\n====",
        "Nereid Steps\n====", "Plain TinkerPop Steps\n===="}) {
      assertTrue(report.contains(section), section + " in\n" + report);
    }
    assertTrue(report.contains(MARKO_KNOWS), report);
    String original = section(report, "Original Traversal");
    assertTrue(original.contains("GraphStep(vertex,[])") && original.contains("VertexStep(OUT,[knows],vertex)"),
        original);
    String nereid = section(report, "Nereid Steps");
    assertTrue(nereid.contains("NereidGraphStep") && nereid.contains("POGS prefix scan"), nereid);
    assertTrue(nereid.contains("name.eq(marko)"), nereid);
    assertTrue(nereid.contains("NereidVertexStep") && nereid.contains("SPOG prefix scan"), nereid);
    assertTrue(section(report, "Plain TinkerPop Steps").startsWith("none"), report);

    // the same over GET
    HttpResponse<String> get = http.get("/gremlin/explain", Map.of("gremlin", MARKO_KNOWS));
    assertEquals(200, get.statusCode(), get.body());
    assertEquals(section(report, "Optimized Traversal"), section(get.body(), "Optimized Traversal"));
  }

  @Test
  void explainNamesTheStepsThatStayTinkerPops() throws Exception {
    String report = http.postJson("/gremlin/explain", params("gremlin",
        "g.V().hasLabel('person').repeat(both().simplePath()).times(3).path().count()")).body();
    String plain = section(report, "Plain TinkerPop Steps");
    assertTrue(plain.startsWith("+ not converted into Nereid steps: ["), report);
    // repeat().times(3) is unrolled by TinkerPop's RepeatUnrollStrategy into three both() steps
    assertTrue(plain.contains("PathFilterStep") && plain.contains("PathStep"), plain);
    String nereid = section(report, "Nereid Steps");
    assertTrue(nereid.contains("NereidGraphStep") && nereid.contains("NereidVertexStep"), report);
    assertTrue(nereid.contains("SPOG+OSGP"), "both() scans both directions:\n" + nereid);
  }

  @Test
  void explainDoesNotRunTheTraversal() throws Exception {
    long before = count("g.V().count()");
    for (String script : new String[] {
        "g.addV('ghost').property('name','casper')",
        "g.addV('ghost').property('name','casper').next()",
        "g.addV('ghost').iterate()",
        "g.V('1').drop()",
        "g.addV('ghost').property('name','\uD83D\uDC7B casper').toList()"}) {
      HttpResponse<String> r = http.postJson("/gremlin/explain", params("gremlin", script));
      assertEquals(200, r.statusCode(), script + ": " + r.body());
      assertTrue(r.body().contains("AddVertexStartStep") || r.body().contains("DropStep"), r.body());
    }
    String emoji = http.postJson("/gremlin/explain", params("gremlin",
        "g.addV('ghost').property('name','\uD83D\uDC7B casper').toList()")).body();
    assertTrue(section(emoji, "Original Traversal").contains("\uD83D\uDC7B casper"), emoji);
    assertTrue(emoji.contains("terminal step toList() left out"), emoji);
    assertEquals(before, count("g.V().count()"));
    assertEquals(0L, count("g.V().hasLabel('ghost').count()"));
    assertEquals(1L, count("g.V('1').count()"));

    HttpResponse<String> tx = http.postJson("/gremlin/explain", params("gremlin", "g.tx().commit()"));
    assertEquals(400, tx.statusCode(), tx.body());
    assertTrue(json(tx).get("detailedMessage").asText().contains("needs a traversal"), tx.body());
    HttpResponse<String> two = http.postJson("/gremlin/explain", params("gremlin", "g.V(); g.E()"));
    assertEquals(400, two.statusCode(), two.body());
    HttpResponse<String> bad = http.postJson("/gremlin/explain", params("gremlin", "g.V().out("));
    assertEquals(400, bad.statusCode(), bad.body());
    assertEquals("MalformedQueryException", json(bad).get("code").asText());
    assertTrue(json(bad).get("detailedMessage").asText().contains("character position"), bad.body());
    assertEquals(36, json(bad).get("requestId").asText().length(), "the request's id: " + bad.body());
  }

  @Test
  void profileRunsTheTraversalAndReportsMetricsAndResults() throws Exception {
    HttpResponse<String> r = http.postJson("/gremlin/profile", params("gremlin", MARKO_KNOWS));
    assertEquals(200, r.statusCode(), r.body());
    String report = r.body();
    assertTrue(report.startsWith("*****") && report.contains("Nereid Gremlin Profile"), report);
    for (String section : new String[] {"Query String", "Original Traversal",
        "Optimized Traversal", "Runtime (ms)", "Traversal Metrics", "Nereid Access Paths", "Results"}) {
      assertTrue(report.contains(section + "\n===="), section + " in\n" + report);
    }
    String metrics = section(report, "Traversal Metrics");
    assertTrue(metrics.contains("NereidGraphStep") && metrics.contains("NereidVertexStep"), metrics);
    assertTrue(metrics.contains("Traversers") && metrics.contains("% Dur"), metrics);
    String paths = section(report, "Nereid Access Paths");
    assertTrue(paths.contains("POGS prefix scan"), paths);
    assertTrue(paths.contains("SPOG prefix scan"), paths);
    String results = section(report, "Results");
    assertTrue(results.contains("Count: 2"), results);
    assertTrue(results.contains("v[2]") && results.contains("v[4]"), results);
    assertTrue(section(report, "Runtime (ms)").startsWith("Query Execution: "), report);
  }

  @Test
  void profileOptionsChopHideAndSerialize() throws Exception {
    String chopped = http.postJson("/gremlin/profile",
        params("gremlin", "g.V().values('name')", "profile.chop", 10)).body();
    String output = line(section(chopped, "Results"), "Output: ");
    assertTrue(output.endsWith("...") && output.length() == "Output: ".length() + 10 + 3, output);
    assertTrue(section(chopped, "Results").contains("Count: 4"), chopped);

    String hidden = http.postJson("/gremlin/profile",
        params("gremlin", "g.V().values('name')", "profile.results", "FALSE")).body();
    assertFalse(section(hidden, "Results").contains("Output:"), hidden);
    assertTrue(section(hidden, "Results").contains("Count: 4"), hidden);

    String serialized = http.get("/gremlin/profile",
        Map.of("gremlin", "g.V().values('name')", "profile.serializer", "GRAPHSON_V3")).body();
    String results = section(serialized, "Results");
    assertTrue(results.contains("Response serializer: application/vnd.gremlin-v3.0+json"), serialized);
    long bytes = Long.parseLong(line(results, "Response size (bytes): ").substring(23).trim());
    assertTrue(bytes > "marko".length() * 4, results);
    assertTrue(section(serialized, "Runtime (ms)").contains("Serialization: "), serialized);

    for (Map<String, Object> bad : new Map[] {
        params("gremlin", "g.V()", "profile.chop", "lots"),
        params("gremlin", "g.V()", "profile.results", "maybe"),
        params("gremlin", "g.V()", "profile.serializer", "application/xml")}) {
      HttpResponse<String> r = http.postJson("/gremlin/profile", bad);
      assertEquals(400, r.statusCode(), r.body());
      JsonNode error = json(r);
      assertEquals("InvalidParameterException", error.get("code").asText());
      assertTrue(error.get("detailedMessage").asText().contains("profile."), r.body());
    }
  }

  @Test
  void profileCommitsWhatItWrites() throws Exception {
    HttpResponse<String> r = http.postJson("/gremlin/profile",
        params("gremlin", "g.addV('profiled').property(T.id,'p1')"));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(section(r.body(), "Results").contains("Count: 1"), r.body());
    assertEquals(1L, count("g.V('p1').count()"));
  }

  private static long count(String script) throws Exception {
    HttpResponse<String> r = http.postJson("/gremlin", params("gremlin", script),
        "application/vnd.gremlin-v3.0+json;types=false");
    assertEquals(200, r.statusCode(), r.body());
    return json(r).get("result").get("data").get(0).asLong();
  }

  private static void ok(HttpResponse<String> r) {
    assertEquals(200, r.statusCode(), r.body());
  }

  /** The body of a report section: from under its ==== line to the next blank line. */
  static String section(String report, String title) {
    int at = report.indexOf("\n" + title + "\n");
    assertTrue(at >= 0, "no section " + title + " in\n" + report);
    int start = report.indexOf('\n', at + title.length() + 2) + 1;
    int end = report.indexOf("\n\n", start);
    return (end < 0 ? report.substring(start) : report.substring(start, end)).strip();
  }

  static String line(String text, String prefix) {
    return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
        .orElseThrow(() -> new AssertionError("no line " + prefix + " in\n" + text));
  }
}
