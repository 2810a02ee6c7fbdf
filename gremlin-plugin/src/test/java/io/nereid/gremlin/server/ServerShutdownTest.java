package io.nereid.gremlin.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.gremlin.structure.NereidGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.util.ser.Serializers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/nereid server} in a real child JVM ({@link NereidServer#main}) stopped by SIGTERM and
 * by SIGKILL; the store is opened afterwards and must hold exactly what the server acknowledged.
 */
class ServerShutdownTest {

  /** A JVM ended by SIGTERM exits with 128 + 15 after running its shutdown hooks. */
  static final int SIGTERM_STATUS = 143;
  /** ... and by SIGKILL with 128 + 9, running nothing. */
  static final int SIGKILL_STATUS = 137;

  @TempDir Path dir;
  Process server;
  Cluster cluster;

  @AfterEach
  void cleanUp() {
    if (cluster != null) {
      cluster.close();
    }
    if (server != null && server.isAlive()) {
      server.destroyForcibly();
    }
  }

  /** Starts the server from the repository root as bin/nereid does; returns its port. */
  int startServer(Path data, Path log) throws Exception {
    int port = TestServer.freePort();
    server = ChildJvm.builder(NereidServer.class, "--conf", "conf/nereid-server.yaml",
            "--data", data.toString(), "--port", String.valueOf(port))
        .directory(TestServer.CONF.getParent().toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!Files.readString(log).contains("Nereid server listening on")) {
      assertTrue(server.isAlive(), () -> "the server died at start: " + read(log));
      assertTrue(System.nanoTime() < deadline, () -> "the server did not start: " + read(log));
      Thread.sleep(100);
    }
    cluster = Cluster.build("localhost").port(port).serializer(Serializers.GRAPHBINARY_V1).create();
    return port;
  }

  static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Test
  void sigtermStopsPromptlyKeepingCommitsAndDroppingTheOpenSessionTransaction() throws Exception {
    Path data = dir.resolve("data");
    Path log = dir.resolve("server.log");
    startServer(data, log);
    Client client = cluster.connect();
    for (int i = 0; i < 5; i++) {
      client.submit("g.addV('kept').property(T.id, 'k" + i + "').property('i', " + i + ")").all().get();
    }
    Client session = cluster.connect("left-open");
    session.submit("g.addV('open').property(T.id, 'u1')").all().get();
    session.submit("g.V('k0').property('i', 100)").all().get();
    assertEquals(1L, session.submit("g.V('u1').count()").one().getLong());

    server.destroy(); // SIGTERM on Linux
    assertTrue(server.waitFor(60, TimeUnit.SECONDS), () -> "still running after SIGTERM: " + read(log));
    assertEquals(SIGTERM_STATUS, server.exitValue(), () -> read(log));
    assertFalse(read(log).contains("Exception in thread"), () -> read(log));

    try (NereidGraph graph = NereidGraph.open(data.toString())) {
      assertEquals(5L, graph.traversal().V().hasLabel("kept").count().next());
      assertEquals(List.of(0), graph.traversal().V("k0").values("i").toList(), "session write lost");
      assertFalse(graph.traversal().V("u1").hasNext(), "uncommitted session vertex is gone");
    }
  }

  @Test
  void everyAcknowledgedWriteSurvivesKillMinus9() throws Exception {
    Path data = dir.resolve("data");
    Path log = dir.resolve("server.log");
    startServer(data, log);
    Client client = cluster.connect();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicBoolean killed = new AtomicBoolean();
    // four writers, each committing one vertex and one edge to the previous one per request
    List<Thread> writers = new java.util.ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int writer = w;
      Thread t = new Thread(() -> {
        for (int i = 0; !killed.get(); i++) {
          String id = "w" + writer + "-" + i;
          String script = i == 0
              ? "g.addV('w').property(T.id, '" + id + "')"
              : "g.addV('w').property(T.id, '" + id + "').as('n').V('w" + writer + "-" + (i - 1)
                  + "').addE('next').to('n')";
          try {
            client.submit(script).all().get(30, TimeUnit.SECONDS);
            acknowledged.add(id);
          } catch (Exception e) {
            return; // the server is gone: this write was not acknowledged
          }
        }
      });
      t.start();
      writers.add(t);
    }
    while (acknowledged.size() < 40) {
      assertTrue(server.isAlive(), () -> read(log));
      Thread.sleep(10);
    }
    server.destroyForcibly(); // SIGKILL: no shutdown hook, no close
    killed.set(true);
    assertTrue(server.waitFor(30, TimeUnit.SECONDS));
    assertEquals(SIGKILL_STATUS, server.exitValue());
    for (Thread t : writers) {
      t.join(60_000);
    }
    cluster.close();
    cluster = null;

    try (NereidGraph graph = NereidGraph.open(data.toString())) {
      for (String id : acknowledged) {
        assertTrue(graph.traversal().V(id).hasNext(), "acknowledged vertex " + id + " lost");
        String[] parts = id.split("-");
        int i = Integer.parseInt(parts[1]);
        if (i > 0) {
          assertEquals(1L, graph.traversal().V(id).inE("next").count().next(),
              "acknowledged edge into " + id + " lost");
        }
      }
      // and nothing half-written: every stored vertex but a writer's first has its edge
      for (Object id : graph.traversal().V().hasLabel("w").id().toList()) {
        if (!id.toString().endsWith("-0")) {
          assertEquals(1L, graph.traversal().V(id).inE("next").count().next(), "torn write " + id);
        }
      }
    }
  }
}
