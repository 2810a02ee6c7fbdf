package io.nereid.gremlin.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.gremlin.structure.NereidGraph;
import io.nereid.kv.KvStore;
import io.nereid.kv.WriteConflictException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutionException;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.exception.ResponseException;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.Transaction;
import org.apache.tinkerpop.gremlin.structure.util.TemporaryException;
import org.apache.tinkerpop.gremlin.structure.util.TransactionException;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;
import org.apache.tinkerpop.gremlin.util.ser.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Script sessions ({@code cluster.connect("name")}): one transaction across requests, committed by
 * {@code g.tx().commit()} in the session, rolled back when the session closes; and a write conflict
 * between two transactions answered with a retryable status.
 */
class ServerSessionTest {

  @TempDir static Path dir;
  static TestServer server;
  static Cluster cluster;
  static Client sessionless;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(dir);
    cluster = server.cluster(Serializers.GRAPHBINARY_V1);
    sessionless = cluster.connect();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static long count(Client client, String id) throws Exception {
    return client.submit("g.V('" + id + "').count()").one().getLong();
  }

  @Test
  void aSessionKeepsItsTransactionUntilItCommits() throws Exception {
    Client session = cluster.connect("keeps");
    session.submit("g.addV('acct').property(T.id, 'a1').property('balance', 10)").all().get();
    session.submit("g.V('a1').property('balance', 15)").all().get();
    assertEquals(15, session.submit("g.V('a1').values('balance')").one().getInt(),
        "the session reads its own writes");
    assertEquals(0L, count(sessionless, "a1"), "not visible outside before commit");
    session.submit("g.tx().commit()").all().get();
    assertEquals(1L, count(sessionless, "a1"));
    assertEquals(15, sessionless.submit("g.V('a1').values('balance')").one().getInt());
    // after the commit the session goes on in a new transaction
    session.submit("g.addV('acct').property(T.id, 'a1b')").all().get();
    assertEquals(0L, count(sessionless, "a1b"));
    session.submit("g.tx().rollback()").all().get();
    assertEquals(0L, count(session, "a1b"));
    session.close();
  }

  @Test
  void closingASessionRollsBackItsOpenTransaction() throws Exception {
    Client session = cluster.connect("closes");
    session.submit("g.addV('acct').property(T.id, 'a2')").all().get();
    assertEquals(1L, count(session, "a2"));
    session.close();
    assertEquals(0L, count(sessionless, "a2"));
    // a new session of the same name starts clean
    Client again = cluster.connect("closes");
    assertEquals(0L, count(again, "a2"));
    again.close();
  }

  @Test
  void theLoserOfAWriteConflictBetweenSessionsGetsARetryableError() throws Exception {
    sessionless.submit("g.addV('acct').property(T.id, 'c1').property('balance', 0)").all().get();
    Client s1 = cluster.connect("conflict-1");
    Client s2 = cluster.connect("conflict-2");
    s1.submit("g.V('c1').property('balance', 1)").all().get();
    s2.submit("g.V('c1').property('balance', 2)").all().get();
    s1.submit("g.tx().commit()").all().get();
    ResponseException lost = refused(() -> s2.submit("g.tx().commit()").all().get());
    assertEquals(ResponseStatusCode.SERVER_ERROR_TEMPORARY, lost.getResponseStatusCode(),
        lost.getMessage());
    assertTrue(lost.getMessage().contains("retry"), lost.getMessage());
    assertEquals(1, sessionless.submit("g.V('c1').values('balance')").one().getInt());
    // the failed commit ended s2's transaction: running it again succeeds
    s2.submit("g.V('c1').property('balance', 2)").all().get();
    s2.submit("g.tx().commit()").all().get();
    assertEquals(2, sessionless.submit("g.V('c1').values('balance')").one().getInt());
    s1.close();
    s2.close();
  }

  @Test
  void aSessionlessRequestThatLosesAConflictIsRetryableToo() throws Exception {
    sessionless.submit("g.addV('acct').property(T.id, 'c2').property('balance', 0)").all().get();
    Client session = cluster.connect("conflict-3");
    // the session's transaction writes c2 first and commits second...
    session.submit("g.V('c2').property('balance', 5)").all().get();
    sessionless.submit("g.V('c2').property('balance', 7)").all().get();
    ResponseException lost = refused(() -> session.submit("g.tx().commit()").all().get());
    assertEquals(ResponseStatusCode.SERVER_ERROR_TEMPORARY, lost.getResponseStatusCode());
    session.close();

    // ...and bytecode transactions (g.tx() over the driver) lose the same way
    GraphTraversalSource g = server.remote(cluster);
    Transaction tx1 = g.tx();
    Transaction tx2 = g.tx();
    GraphTraversalSource g1 = tx1.begin();
    GraphTraversalSource g2 = tx2.begin();
    g1.V("c2").property("balance", 8).iterate();
    g2.V("c2").property("balance", 9).iterate();
    tx1.commit();
    Exception e = assertThrows(Exception.class, tx2::commit);
    ResponseException re = responseException(e);
    assertEquals(ResponseStatusCode.SERVER_ERROR_TEMPORARY, re.getResponseStatusCode(), re.getMessage());
    assertEquals(8, sessionless.submit("g.V('c2').values('balance')").one().getInt());
  }

  @Test
  void aDroppedConnectionReleasesItsSessionTransaction() throws Exception {
    KvStore kv = ((NereidGraph) server.server().graphManager().getGraph("graph")).store().kv();
    awaitNoOpenSnapshots(kv); // sessions of other tests have ended
    ServerBadRequestTest.RawSocket ws = ServerBadRequestTest.RawSocket.open(server.port());
    // a session request in GraphSON, as any WebSocket client can send it; the session's
    // transaction reads (is the id free?) and so holds a store snapshot
    ws.socket.sendText("{\"requestId\": \"" + java.util.UUID.randomUUID() + "\", \"op\": \"eval\","
        + " \"processor\": \"session\", \"args\": {\"gremlin\": \"g.addV('x').property(T.id, 'dropped-1')\","
        + " \"session\": \"dropped\", \"language\": \"gremlin-lang\"}}", true);
    String answer = ws.text.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertTrue(answer.contains("\"code\":200"), answer);
    assertEquals(1L, kv.stats().openSnapshots(), "the open session transaction reads a snapshot");
    ws.socket.abort(); // no close frame, no session close: the connection just goes
    awaitNoOpenSnapshots(kv);
    assertEquals(0L, count(sessionless, "dropped-1"));
  }

  /** Waits (running requests, each of which opens a transaction) until no snapshot is open. */
  static void awaitNoOpenSnapshots(KvStore kv) throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (kv.stats().openSnapshots() > 0 && System.nanoTime() < deadline) {
      sessionless.submit("g.V('none').count()").all().get();
      Thread.sleep(50);
    }
    assertEquals(0L, kv.stats().openSnapshots(), "snapshots left open by ended sessions");
  }

  @Test
  void embeddedCommitsStillThrowTransactionExceptionCausedByWriteConflictException() throws Exception {
    try (NereidGraph graph = NereidGraph.open(dir.resolve("embedded").toString())) {
      graph.addVertex(T.id, "e1", "n", 0);
      graph.tx().commit();
      ExecutorService other = Executors.newSingleThreadExecutor();
      try {
        graph.vertices("e1").next().property("n", 1);
        other.submit(() -> {
          graph.vertices("e1").next().property("n", 2);
          graph.tx().commit();
        }).get();
        TransactionException e = assertThrows(TransactionException.class, () -> graph.tx().commit());
        assertTrue(e.getCause() instanceof WriteConflictException, String.valueOf(e.getCause()));
        assertTrue(e.getCause() instanceof TemporaryException, "marked retryable for the server");
        assertEquals(2, (int) graph.vertices("e1").next().value("n"));
        graph.tx().rollback();
      } finally {
        other.shutdown();
      }
    }
  }

  static ResponseException refused(ServerWebSocketTest.Call call) {
    ExecutionException e = assertThrows(ExecutionException.class, call::run);
    return responseException(e);
  }

  static ResponseException responseException(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ResponseException) {
        return (ResponseException) c;
      }
    }
    throw new AssertionError("no ResponseException in " + e, e);
  }
}
