package io.nereid.gremlin.server;

import static io.nereid.gremlin.server.HttpTestClient.json;
import static io.nereid.gremlin.server.HttpTestClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.RequestOptions;
import org.apache.tinkerpop.gremlin.driver.Result;
import org.apache.tinkerpop.gremlin.driver.exception.ResponseException;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.__;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.util.Tokens;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;
import org.apache.tinkerpop.gremlin.util.ser.Serializers;
import org.apache.tinkerpop.shaded.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /gremlin/status}: running queries from HTTP and WebSocket (script and bytecode) are
 * listed, and cancelling one stops it and rolls back what it wrote.
 *
 * <p>The long query counts the simple paths of 11 steps in a complete graph on 12 vertices: 12!
 * paths whose traversers cannot be bulked, so it runs for hours unless stopped. Each also adds a
 * marker vertex first, which must be gone after the cancel.
 */
class ServerQueryStatusTest {

  static final String ENDLESS = "V().hasLabel('k').repeat(both().simplePath()).times(11).count()";
  /** A safety net: if a cancel failed to stop a query, it would still end after this. */
  static final long NET_MILLIS = 60_000;

  @TempDir static Path dir;
  static TestServer server;
  static HttpTestClient http;
  static Client client;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    http = new HttpTestClient(server);
    client = server.cluster(Serializers.GRAPHBINARY_V1).connect();
    client.submit("g.inject(1).repeat(addV('k')).times(12)").all().get();
    client.submit("g.V().hasLabel('k').as('a').V().hasLabel('k').where(neq('a')).addE('e').from('a')")
        .all().get();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anHttpQueryIsListedAndCancelledWithCancelQuery() throws Exception {
    JsonNode before = awaitNoneRunning();
    assertEquals(0, before.get("runningQueryCount").asInt(), before.toString());
    assertEquals(0, before.get("queries").size());
    long acceptedBefore = before.get("acceptedQueryCount").asLong();

    UUID id = UUID.randomUUID();
    String script = "g.addV('marker').property(T.id,'m-http')." + ENDLESS;
    CompletableFuture<HttpResponse<String>> answer = http.postJsonAsync("/gremlin",
        params("gremlin", script, "requestId", id.toString(), "evaluationTimeout", NET_MILLIS));
    JsonNode listed = awaitListed(id);
    assertEquals(script, listed.get("queryString").asText());
    JsonNode stats = listed.get("queryEvalStats");
    assertFalse(stats.get("cancelled").asBoolean());
    assertTrue(stats.get("waited").asLong() >= 0 && stats.has("elapsed"), listed.toString());

    JsonNode all = json(http.get("/gremlin/status"));
    assertEquals(1, all.get("runningQueryCount").asInt(), all.toString());
    assertTrue(all.get("acceptedQueryCount").asLong() > acceptedBefore, all.toString());
    JsonNode one = json(http.get("/gremlin/status?queryId=" + id));
    assertEquals(id.toString(), one.get("queryId").asText());
    assertEquals(script, one.get("queryString").asText());

    HttpResponse<String> cancel = http.get("/gremlin/status?cancelQuery&queryId=" + id);
    assertEquals(200, cancel.statusCode(), cancel.body());
    assertEquals("200 OK", json(cancel).get("status").asText());

    HttpResponse<String> cancelled = answer.get(30, TimeUnit.SECONDS);
    assertEquals(500, cancelled.statusCode(), cancelled.body());
    assertEquals("CancelledByUserException", json(cancelled).get("code").asText());
    assertEquals(id.toString(), json(cancelled).get("requestId").asText());
    assertNotListed(id);
    assertEquals(0L, client.submit("g.V('m-http').count()").one().getLong(), "rolled back");

    HttpResponse<String> again = http.get("/gremlin/status?cancelQuery&queryId=" + id);
    assertEquals(400, again.statusCode(), again.body());
    assertEquals("InvalidParameterException", json(again).get("code").asText());
    assertTrue(json(again).get("detailedMessage").asText().contains(id.toString()), again.body());
  }

  @Test
  void aWebSocketScriptIsListedAndCancelledWithDelete() throws Exception {
    UUID id = UUID.randomUUID();
    String script = "g.addV('marker').property(T.id,'m-ws')." + ENDLESS;
    CompletableFuture<List<Result>> answer = client.submitAsync(script,
        RequestOptions.build().overrideRequestId(id).timeout(NET_MILLIS).create())
        .thenCompose(rs -> rs.all());
    assertEquals(script, awaitListed(id).get("queryString").asText());
    assertEquals(200, http.method("DELETE", "/gremlin/status/" + id).statusCode());

    // Gremlin Server reports an interrupted script evaluation as a timeout
    ResponseException e = failure(answer);
    assertEquals(ResponseStatusCode.SERVER_ERROR_TIMEOUT, e.getResponseStatusCode(), e.getMessage());
    assertTrue(e.getMessage().contains("cancelled directly"), e.getMessage());
    assertNotListed(id);
    assertEquals(0L, client.submit("g.V('m-ws').count()").one().getLong(), "rolled back");
  }

  @Test
  void aBytecodeTraversalIsListedAndCancelled() throws Exception {
    UUID id = UUID.randomUUID();
    GraphTraversalSource g = server.remote(server.cluster(Serializers.GRAPHBINARY_V1));
    CompletableFuture<Long> answer = g.with(Tokens.REQUEST_ID, id)
        .with(Tokens.ARGS_EVAL_TIMEOUT, NET_MILLIS)
        .addV("marker").property(T.id, "m-bytecode")
        .V().hasLabel("k").repeat(__.both().simplePath()).times(11).count()
        .promise(t -> t.next());
    String listed = awaitListed(id).get("queryString").asText();
    assertTrue(listed.contains("addV") && listed.contains("repeat"), listed);
    HttpResponse<String> cancel = http.postJson("/gremlin/status",
        params("cancelQuery", true, "queryId", id.toString()));
    assertEquals(200, cancel.statusCode(), cancel.body());

    // Gremlin Server's traversal op processor reports an interrupted traversal as a timeout
    ResponseException e = failure(answer);
    assertEquals(ResponseStatusCode.SERVER_ERROR_TIMEOUT, e.getResponseStatusCode(), e.getMessage());
    assertTrue(e.getMessage().contains("timeout occurred during traversal evaluation"), e.getMessage());
    assertNotListed(id);
    assertEquals(0L, client.submit("g.V('m-bytecode').count()").one().getLong(), "rolled back");
  }

  @Test
  void badStatusRequestsAreRefused() throws Exception {
    HttpResponse<String> notUuid = http.method("DELETE", "/gremlin/status/not-a-uuid");
    assertEquals(400, notUuid.statusCode(), notUuid.body());
    assertTrue(json(notUuid).get("detailedMessage").asText().contains("not-a-uuid"));
    HttpResponse<String> unknown = http.get("/gremlin/status/" + UUID.randomUUID());
    assertEquals(400, unknown.statusCode(), unknown.body());
    assertEquals("InvalidParameterException", json(unknown).get("code").asText());
    HttpResponse<String> noId = http.get("/gremlin/status?cancelQuery");
    assertEquals(400, noId.statusCode(), noId.body());
    assertEquals("MissingParameterException", json(noId).get("code").asText());
    assertEquals(405, http.method("PUT", "/gremlin/status").statusCode());
    assertEquals(200, http.get("/gremlin/status").statusCode());
  }

  /**
   * Polls /gremlin/status until no query runs (at most 10 s); returns the last answer. An earlier
   * test's last query is unlisted just after its answer was written (the server ends a request
   * after its last response: its transaction, then its entry), so the client may see it briefly.
   */
  static JsonNode awaitNoneRunning() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    JsonNode status = json(http.get("/gremlin/status"));
    while (status.get("runningQueryCount").asInt() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
      status = json(http.get("/gremlin/status"));
    }
    return status;
  }

  /** Polls /gremlin/status until it lists the query; returns its entry. */
  static JsonNode awaitListed(UUID id) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      for (JsonNode q : json(http.get("/gremlin/status")).get("queries")) {
        if (q.get("queryId").asText().equals(id.toString())) {
          return q;
        }
      }
      Thread.sleep(20);
    }
    return fail("query " + id + " was never listed by /gremlin/status");
  }

  static void assertNotListed(UUID id) throws Exception {
    for (JsonNode q : json(http.get("/gremlin/status")).get("queries")) {
      assertFalse(q.get("queryId").asText().equals(id.toString()), "still listed: " + q);
    }
  }

  static ResponseException failure(CompletableFuture<?> answer) throws Exception {
    try {
      Object result = answer.get(30, TimeUnit.SECONDS);
      return fail("the cancelled query answered " + result);
    } catch (ExecutionException e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof ResponseException r) {
          return r;
        }
      }
      throw e;
    }
  }
}
