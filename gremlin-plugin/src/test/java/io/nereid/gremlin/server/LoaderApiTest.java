package io.nereid.gremlin.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.graph.CloseableIterator;
import io.nereid.graph.EdgeRecord;
import io.nereid.graph.GraphSnapshot;
import io.nereid.graph.GraphStore;
import io.nereid.graph.tools.ConsistencyChecker;
import io.nereid.graph.tools.ConsistencyReport;
import io.nereid.gremlin.server.LoaderHttp.Answer;
import io.nereid.gremlin.structure.NereidGraph;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.tinkerpop.shaded.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Neptune's /loader API on a real server, with java.net.http: start, status with details and
 * error pages, list, queueing, cancel of a large load, and bad requests. Each test waits for its
 * loads to end, so that the next one finds the loader idle.
 */
class LoaderApiTest {

  @TempDir static Path dir;
  static TestServer server;
  static LoaderHttp http;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir.resolve("data"));
    http = new LoaderHttp(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static GraphStore store() {
    return ((NereidGraph) server.server().graphManager().getGraph("graph")).store();
  }

  static Path write(String name, String text) throws Exception {
    Path f = dir.resolve("csv").resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f.toAbsolutePath();
  }

  @Test
  void aLoadStartsRunsAndReportsNeptunesStatus() throws Exception {
    Path folder = dir.resolve("people");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("v.csv"),
        "~id,~label,name:String,age:Int\nann,person,Ann,30\nbob,person,Bob,40\n");
    Files.writeString(folder.resolve("e.csv"), "~id,~from,~to,~label,since:Int\nk1,ann,bob,knows,2001\n");
    // A folder as a file:// URI, options as Neptune spells them (strings, any case).
    String id = http.start("{\"source\":" + LoaderHttp.quote(folder.toUri().toString())
        + ",\"format\":\"csv\",\"failOnError\":\"TRUE\",\"mode\":\"new\",\"parallelism\":\"LOW\","
        + "\"updateSingleCardinalityProperties\":\"FALSE\",\"queueRequest\":\"TRUE\","
        + "\"iamRoleArn\":\"arn:aws:iam::1:role/x\",\"region\":\"us-east-1\"}");
    Answer a = http.awaitEnd(id);
    assertEquals(200, a.status());
    assertEquals("200 OK", a.text("/status"));
    JsonNode overall = a.body().at("/payload/overallStatus");
    assertEquals("LOAD_COMPLETED", overall.get("status").asText(), a.body().toString());
    // Statements: 2 vertices x (label, name, age) + 1 edge + its property.
    assertEquals(8, overall.get("totalRecords").asLong());
    assertEquals(0, overall.get("parsingErrors").asLong());
    assertEquals(1, overall.get("runNumber").asLong());
    assertEquals(folder.toRealPath().toString(), overall.get("fullUri").asText());
    assertEquals(2, a.body().at("/payload/feedCount/0/LOAD_COMPLETED").asInt());
    assertEquals(0, a.body().at("/payload/failedFeeds").size());
    try (GraphSnapshot s = store().snapshot()) {
      assertEquals(2, s.vertexCount("person"));
      assertEquals(1, s.edgeCount("knows"));
    }
    // The same status with ?loadId=, and the id in the list.
    assertEquals("LOAD_COMPLETED",
        http.get("/loader?loadId=" + id).text("/payload/overallStatus/status"));
    assertTrue(ids(http.get("/loader")).contains(id));
    assertEquals(1, ids(http.get("/loader?limit=1")).size());
  }

  @Test
  void errorsComeInPagesWithTheirCodeFileAndLine() throws Exception {
    Path bad = write("bad.csv", String.join("\n",
        "~id,~label,age:Int,name",
        "p1,person,30,Ann",
        "p2,person,thirty,Bob",       // line 3: not an Int
        "p3,person,40,Cid,extra",     // line 4: more columns than the header
        "p4,person,50,Dee", ""));
    String id = http.start("{\"source\":" + LoaderHttp.quote(bad.toString())
        + ",\"format\":\"csv\",\"failOnError\":\"FALSE\",\"mode\":\"NEW\"}");
    Answer a = http.awaitEnd(id);
    JsonNode overall = a.body().at("/payload/overallStatus");
    assertEquals("LOAD_FAILED", overall.get("status").asText());
    assertEquals(1, overall.get("parsingErrors").asLong());
    assertEquals(1, overall.get("datatypeMismatchErrors").asLong());
    assertEquals(1, a.body().at("/payload/failedFeeds").size());
    assertEquals(bad.toRealPath().toString(), a.text("/payload/failedFeeds/0/fullUri"));

    Answer page1 = http.get("/loader/" + id + "?errors=TRUE&errorsPerPage=1&page=1");
    JsonNode e1 = page1.body().at("/payload/errors");
    assertEquals(1, e1.get("startIndex").asInt());
    assertEquals(1, e1.get("endIndex").asInt());
    assertEquals("DATATYPE_MISMATCH", e1.at("/errorLogs/0/errorCode").asText());
    assertEquals(3, e1.at("/errorLogs/0/recordNum").asInt());
    assertEquals(bad.toRealPath().toString(), e1.at("/errorLogs/0/fileName").asText());
    JsonNode e2 = http.get("/loader/" + id + "?errors=true&errorsPerPage=1&page=2").body()
        .at("/payload/errors");
    assertEquals(2, e2.get("startIndex").asInt());
    assertEquals("PARSING_ERROR", e2.at("/errorLogs/0/errorCode").asText());
    assertEquals(4, e2.at("/errorLogs/0/recordNum").asInt());
    assertTrue(e2.at("/errorLogs/0/errorMessage").asText().contains("column"),
        e2.toString());
    // Without errors=TRUE no errors object (Neptune's default).
    assertTrue(http.get("/loader/" + id).body().at("/payload/errors").isMissingNode());
    // The good statements of the bad rows stay: p2 has its name, p3 is not there.
    try (GraphSnapshot s = store().snapshot()) {
      assertTrue(s.vertex("p1").isPresent() && s.vertex("p2").isPresent()
          && s.vertex("p4").isPresent());
      assertFalse(s.vertex("p3").isPresent());
    }
  }

  @Test
  void aCancelledLargeLoadLeavesAConsistentStoreAndTheQueueMovesOn() throws Exception {
    int vertices = 10_000;
    int edges = 200_000;
    Path big = dir.resolve("big");
    Files.createDirectories(big);
    try (BufferedWriter w = Files.newBufferedWriter(big.resolve("v.csv"))) {
      w.write("~id,~label,n:Int\n");
      for (int i = 0; i < vertices; i++) {
        w.write("bv" + i + ",node," + i + "\n");
      }
    }
    try (BufferedWriter w = Files.newBufferedWriter(big.resolve("e.csv"))) {
      w.write("~id,~from,~to,~label\n");
      for (int i = 0; i < edges; i++) {
        w.write("be" + i + ",bv" + (i % vertices) + ",bv" + ((i * 7 + 1) % vertices) + ",link\n");
      }
    }
    String bigId = http.start("{\"source\":" + LoaderHttp.quote(big.toString())
        + ",\"format\":\"csv\",\"mode\":\"NEW\"}");
    long vertexStatements = 2L * vertices;
    http.await(bigId, a -> a.number("/payload/overallStatus/totalRecords") > vertexStatements);

    // One load at a time: another is refused unless queued, then waits in the queue.
    Path small = write("small.csv", "~id,~label\ns1,thing\n");
    String smallRequest = "{\"source\":" + LoaderHttp.quote(small.toString())
        + ",\"format\":\"csv\",\"mode\":\"NEW\"";
    Answer refused = http.post(smallRequest + "}");
    assertEquals(400, refused.status(), refused.body().toString());
    assertTrue(refused.text("/detailedMessage").contains(bigId), refused.body().toString());
    String smallId = http.start(smallRequest + ",\"queueRequest\":\"TRUE\"}");
    assertEquals("LOAD_IN_QUEUE",
        http.get("/loader/" + smallId).text("/payload/overallStatus/status"));
    assertEquals(smallId, ids(http.get("/loader")).get(0), "newest first, queued included");
    assertFalse(ids(http.get("/loader?includeQueuedLoads=FALSE")).contains(smallId));

    Answer cancel = http.delete("/loader/" + bigId);
    assertEquals(200, cancel.status(), cancel.body().toString());
    assertEquals("200 OK", cancel.text("/status"));
    Answer end = http.awaitEnd(bigId);
    assertEquals("LOAD_CANCELLED_BY_USER", end.text("/payload/overallStatus/status"));
    assertEquals("LOAD_COMPLETED", http.awaitEnd(smallId).text("/payload/overallStatus/status"));
    Answer again = http.delete("/loader/" + bigId);
    assertEquals(400, again.status(), "a finished load cannot be cancelled: " + again.body());

    try (GraphSnapshot s = store().snapshot()) {
      assertEquals(vertices, s.vertexCount("node"), "the vertex file was loaded before");
      long loaded = s.edgeCount("link");
      assertTrue(loaded > 0 && loaded < edges, "cancelled part-way: " + loaded + " edges");
      long checked = 0;
      try (CloseableIterator<EdgeRecord> it = s.edges()) {
        while (it.hasNext()) {
          EdgeRecord e = it.next();
          assertTrue(s.vertex(e.outVertexId()).isPresent() && s.vertex(e.inVertexId()).isPresent(),
              "edge without its vertex: " + e);
          checked++;
        }
      }
      assertEquals(s.edgeCount(), checked);
    }
    ConsistencyReport report = new ConsistencyChecker(store()).check();
    assertTrue(report.isConsistent(), report.toString());
  }

  @Test
  void badRequestsAreClear400sAndChangeNothing() throws Exception {
    List<String> before = ids(http.get("/loader"));
    Path real = write("ok.csv", "~id\nx\n");
    expect(http.post("{\"format\":\"csv\"}"), 400, "MissingParameterException", "source");
    expect(http.post("{\"source\":\"/no/such/dir\",\"format\":\"csv\"}"), 400,
        "BadRequestException", "/no/such/dir");
    expect(http.post("{\"source\":" + LoaderHttp.quote(real.toString())
        + ",\"format\":\"csv\",\"mode\":\"SOMETIMES\"}"), 400, "InvalidParameterException",
        "mode must be one of NEW, RESUME, AUTO");
    expect(http.post("{\"source\": \"/x\", \"format\": }"), 400, "BadRequestException",
        "not valid JSON");
    expect(http.post("{\"source\":\"s3://bucket/key\",\"format\":\"csv\"}"), 400,
        "InvalidParameterException", "S3");
    expect(http.post("{\"source\":\"data/x.csv\",\"format\":\"csv\"}"), 400,
        "InvalidParameterException", "relative");
    expect(http.post("{\"source\":" + LoaderHttp.quote(real.toString())
        + ",\"format\":\"turtle\"}"), 400, "InvalidParameterException", "csv");
    expect(http.post("{\"source\":" + LoaderHttp.quote(real.toString())
        + ",\"format\":\"csv\",\"failOnError\":\"maybe\"}"), 400, "InvalidParameterException",
        "failOnError");
    expect(http.post("{\"source\":" + LoaderHttp.quote(real.toString())
        + ",\"format\":\"csv\",\"failonerror\":\"TRUE\"}"), 400, "InvalidParameterException",
        "unknown parameter 'failonerror'");
    expect(http.get("/loader/no-such-load"), 404, "BulkLoadIdNotFoundException", "no-such-load");
    expect(http.delete("/loader/no-such-load"), 404, "BulkLoadIdNotFoundException", "no-such-load");
    expect(http.get("/loader?limit=0"), 400, "InvalidParameterException", "limit");
    assertEquals(before, ids(http.get("/loader")), "no load was recorded");
    assertEquals(200, http.get("/status").status(), "the server keeps serving");
  }

  private static void expect(Answer a, int status, String code, String inMessage) {
    assertEquals(status, a.status(), a.body().toString());
    assertEquals(code, a.text("/code"), a.body().toString());
    assertTrue(a.text("/detailedMessage").contains(inMessage), a.body().toString());
  }

  private static List<String> ids(Answer list) {
    assertEquals(200, list.status(), list.body().toString());
    List<String> ids = new ArrayList<>();
    list.body().at("/payload/loadIds").forEach(n -> ids.add(n.asText()));
    return ids;
  }
}
