package io.nereid.gremlin.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.RequestOptions;
import org.apache.tinkerpop.gremlin.driver.Result;
import org.apache.tinkerpop.gremlin.driver.exception.ResponseException;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.Transaction;
import org.apache.tinkerpop.gremlin.util.function.Lambda;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;
import org.apache.tinkerpop.gremlin.util.ser.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The server over WebSocket with TinkerPop's Java driver: scripts, bytecode, transactions. */
class ServerWebSocketTest {

  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(value = Serializers.class, names = {"GRAPHBINARY_V1", "GRAPHSON_V3", "GRAPHSON_V2"})
  void scriptsWithoutLanguageAndWithGremlinLangAndBytecode(Serializers ser) throws Exception {
    Cluster cluster = server.cluster(ser);
    Client client = cluster.connect();
    String id = "v-" + ser.name();
    client.submit("g.addV('person').property(T.id, '" + id + "').property('age', 29)").all().get();
    List<Result> count =
        client.submit("g.V('" + id + "').values('age')",
            RequestOptions.build().language("gremlin-lang").create()).all().get();
    assertEquals(29, count.get(0).getInt());
    GraphTraversalSource g = server.remote(cluster);
    assertEquals(List.of(29), g.V(id).values("age").toList());
    g.V(id).property("age", 30).iterate();
    assertEquals(30, client.submit("g.V(x).values('age')", java.util.Map.of("x", id))
        .one().getInt());
  }

  @Test
  void groovyAndLambdasAreRefusedAndTheServerKeepsServing() throws Exception {
    Cluster cluster = server.cluster(Serializers.GRAPHBINARY_V1);
    Client client = cluster.connect();
    ResponseException other = refused(() -> client.submit("g.V().count()",
        RequestOptions.build().language("gremlin-python").create()).all().get());
    assertEquals(ResponseStatusCode.REQUEST_ERROR_INVALID_REQUEST_ARGUMENTS, other.getResponseStatusCode());
    assertTrue(other.getMessage().contains("gremlin-lang only"), other.getMessage());

    // Labelled gremlin-groovy (what gremlin-javascript sends): parsed as gremlin-lang, Groovy never
    // runs. Gremlin works; Groovy-only code that Groovy would happily run fails to parse.
    RequestOptions groovyLabel = RequestOptions.build().language("gremlin-groovy").create();
    assertEquals(2L, client.submit("g.inject(1, 2).count()", groovyLabel).one().getLong());
    ResponseException groovy = refused(() -> client.submit("'abc'.reverse()", groovyLabel).all().get());
    assertTrue(groovy.getMessage().contains("character position"), groovy.getMessage());

    ResponseException closure = refused(() -> client.submit("g.V().map{it.get()}").all().get());
    assertTrue(closure.getMessage().contains("character position"), closure.getMessage());

    GraphTraversalSource g = server.remote(cluster);
    Exception lambda = assertThrows(Exception.class,
        () -> g.V().map(Lambda.function("it.get()")).toList());
    assertTrue(String.valueOf(rootMessage(lambda)).contains("lambda"), rootMessage(lambda));

    assertEquals(2L, client.submit("g.inject(1, 2).count()").one().getLong());
  }

  @Test
  void aFailedRequestIsRolledBackWhole() throws Exception {
    Client client = server.cluster(Serializers.GRAPHBINARY_V1).connect();
    client.submit("g.addV('thing').property(T.id, 'dup')").all().get();
    refused(() -> client.submit(
        "g.addV('thing').property(T.id, 'fresh').addV('thing').property(T.id, 'dup')").all().get());
    assertEquals(0L, client.submit("g.V('fresh').count()").one().getLong());
    // the worker thread that ran the failed request starts the next one clean
    for (int i = 0; i < 4; i++) {
      assertEquals(0L, client.submit("g.V('fresh').count()").one().getLong());
    }
  }

  @Test
  void remoteTransactionsCommitAtTheEnd() throws Exception {
    Cluster cluster = server.cluster(Serializers.GRAPHBINARY_V1);
    GraphTraversalSource g = server.remote(cluster);
    Transaction tx = g.tx();
    GraphTraversalSource gtx = tx.begin();
    gtx.addV("order").property(T.id, "o1").iterate();
    gtx.addV("order").property(T.id, "o2").iterate();
    assertEquals(2L, gtx.V().hasLabel("order").count().next());
    assertEquals(0L, g.V().hasLabel("order").count().next(), "not visible before commit");
    tx.commit();
    assertEquals(2L, g.V().hasLabel("order").count().next());

    Transaction rolledBack = g.tx();
    GraphTraversalSource gtx2 = rolledBack.begin();
    gtx2.addV("order").property(T.id, "o3").iterate();
    rolledBack.rollback();
    assertFalse(g.V("o3").hasNext());
  }

  @Test
  void aTimeoutStopsTheTraversalAndRollsItBack() throws Exception {
    Client client = server.cluster(Serializers.GRAPHBINARY_V1).connect();
    // a complete graph on 12 vertices: 12! simple paths of 11 steps, traversers that cannot be
    // bulked (each has its own path), so the count takes hours
    client.submit("g.inject(1).repeat(addV('k')).times(12)").all().get();
    client.submit("g.V().hasLabel('k').as('a').V().hasLabel('k').where(neq('a')).addE('e').from('a')")
        .all().get();
    long start = System.nanoTime();
    ResponseException timeout = refused(() -> client.submit(
        "g.addV('marker').property(T.id, 'timeout-marker').V().hasLabel('k').repeat(both().simplePath()).times(11).count()",
        RequestOptions.build().timeout(500).create()).all().get());
    assertEquals(ResponseStatusCode.SERVER_ERROR_TIMEOUT, timeout.getResponseStatusCode());
    // The gremlin pool has as many threads as cores: if the timed-out traversals kept running,
    // these would queue behind them.
    for (int i = 0; i < 3; i++) {
      refused(() -> client.submit("g.V().hasLabel('k').repeat(both().simplePath()).times(11).count()",
          RequestOptions.build().timeout(300).create()).all().get());
    }
    assertEquals(0L, client.submit("g.V('timeout-marker').count()").all().get(10, TimeUnit.SECONDS)
        .get(0).getLong());
    assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 60);
  }

  interface Call {
    void run() throws Exception;
  }

  static ResponseException refused(Call call) {
    ExecutionException e = assertThrows(ExecutionException.class, call::run);
    Throwable cause = e.getCause();
    assertTrue(cause instanceof ResponseException, String.valueOf(cause));
    return (ResponseException) cause;
  }

  static String rootMessage(Throwable t) {
    String m = t.getMessage();
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null) {
        m = c.getMessage();
      }
    }
    return m;
  }

}
