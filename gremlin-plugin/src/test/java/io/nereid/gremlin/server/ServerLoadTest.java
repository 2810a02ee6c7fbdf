package io.nereid.gremlin.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.Result;
import org.apache.tinkerpop.gremlin.driver.exception.ResponseException;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;
import org.apache.tinkerpop.gremlin.util.ser.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 32 driver clients for about 20 seconds: read-modify-write increments of each client's own counter
 * together with a few shared hot counters in one request, vertices and edges added, counts read.
 * Lost write conflicts (status 596) are retried; any other error fails the test, and at the end the
 * graph holds exactly what the clients were told had been committed.
 */
class ServerLoadTest {

  static final int CLIENTS = 32;
  static final int HOT = 3;
  static final long RUN_MILLIS = Long.getLong("nereid.loadtest.millis", 20_000);

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

  /** What the server acknowledged, and what went wrong. */
  static final class Tally {
    final AtomicLongArray own = new AtomicLongArray(CLIENTS);
    final AtomicLongArray hot = new AtomicLongArray(HOT);
    final AtomicLongArray items = new AtomicLongArray(CLIENTS);
    final AtomicLong requests = new AtomicLong();
    final AtomicLong conflicts = new AtomicLong();
    final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
  }

  @Test
  void thirtyTwoClientsReadAndWriteAndTheGraphHoldsWhatWasAcknowledged() throws Exception {
    List<Cluster> clusters = new ArrayList<>();
    for (Serializers ser : List.of(Serializers.GRAPHBINARY_V1, Serializers.GRAPHSON_V3,
        Serializers.GRAPHBINARY_V1, Serializers.GRAPHSON_V2)) {
      clusters.add(server.cluster(Cluster.build("localhost").port(server.port()).serializer(ser)
          .maxConnectionPoolSize(8).maxWaitForConnection(60_000)));
    }
    Client setup = clusters.get(0).connect();
    for (int c = 0; c < CLIENTS; c++) {
      setup.submit("g.addV('counter').property(T.id, 'own-" + c + "').property('n', 0L)").all().get();
    }
    for (int h = 0; h < HOT; h++) {
      setup.submit("g.addV('counter').property(T.id, 'hot-" + h + "').property('n', 0L)").all().get();
    }

    Tally tally = new Tally();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      Client driver = clusters.get(c % clusters.size()).connect();
      Thread t = new Thread(() -> runClient(client, driver, deadline, tally), "load-" + c);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join(RUN_MILLIS + 120_000);
      assertTrue(!t.isAlive(), t.getName() + " did not finish");
    }
    System.out.printf("load: %d requests acknowledged, %d write conflicts retried%n",
        tally.requests.get(), tally.conflicts.get());
    assertTrue(tally.errors.isEmpty(), () -> tally.errors.size() + " errors, first: " + tally.errors.peek());

    long ownTotal = 0;
    long itemTotal = 0;
    for (int c = 0; c < CLIENTS; c++) {
      assertEquals(tally.own.get(c), value(setup, "own-" + c), "own counter of client " + c);
      ownTotal += tally.own.get(c);
      itemTotal += tally.items.get(c);
      assertEquals(tally.items.get(c),
          setup.submit("g.V('own-" + c + "').out('made').count()").one().getLong(), "items of " + c);
    }
    long hotTotal = 0;
    for (int h = 0; h < HOT; h++) {
      assertEquals(tally.hot.get(h), value(setup, "hot-" + h), "hot counter " + h);
      hotTotal += tally.hot.get(h);
    }
    assertEquals(ownTotal, hotTotal, "each increment request bumped one own and one hot counter");
    assertEquals(itemTotal, setup.submit("g.V().hasLabel('item').count()").one().getLong());
    assertEquals(itemTotal, setup.submit("g.E().hasLabel('made').count()").one().getLong());
    assertTrue(ownTotal > 0 && itemTotal > 0, "the clients got work done");
  }

  static long value(Client client, String id) throws Exception {
    return client.submit("g.V('" + id + "').values('n')").one().getLong();
  }

  static void runClient(int client, Client driver, long deadline, Tally tally) {
    Random random = new Random(client);
    String own = "own-" + client;
    try {
      while (System.nanoTime() < deadline) {
        int op = random.nextInt(10);
        if (op < 5) {
          int hot = random.nextInt(HOT);
          // read-modify-write of two counters in one request (one transaction)
          List<Result> r = submit(driver, tally,
              "g.V('" + own + "').property('n', union(values('n'), constant(1L)).sum())"
                  + ".V('hot-" + hot + "').property('n', union(values('n'), constant(1L)).sum())"
                  + ".values('n')");
          long ownAfter = tally.own.incrementAndGet(client);
          tally.hot.incrementAndGet(hot);
          assertTrue(r.get(0).getLong() >= 1);
          if (op == 0) {
            // read your own acknowledged writes: nobody else writes this counter
            long seen = value(driver, own);
            if (seen != ownAfter) {
              tally.errors.add("client " + client + " read " + seen + " after " + ownAfter + " increments");
            }
          }
        } else if (op < 8) {
          long n = tally.items.get(client);
          submit(driver, tally, "g.addV('item').property(T.id, 'item-" + client + "-" + n
              + "').property('by', " + client + ").as('x').V('" + own + "').addE('made').to('x')");
          tally.items.incrementAndGet(client);
        } else {
          long items = submit(driver, tally, "g.V('" + own + "').out('made').count()").get(0).getLong();
          if (items != tally.items.get(client)) {
            tally.errors.add("client " + client + " counted " + items + " items, made "
                + tally.items.get(client));
          }
          submit(driver, tally, "g.V().hasLabel('counter').values('n').sum()");
        }
      }
    } catch (Throwable e) {
      tally.errors.add("client " + client + ": " + e);
    }
  }

  /** Submits, retrying while the request loses a write conflict (596). */
  static List<Result> submit(Client driver, Tally tally, String gremlin) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        List<Result> r = driver.submit(gremlin).all().get(60, TimeUnit.SECONDS);
        tally.requests.incrementAndGet();
        return r;
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof ResponseException re
            && re.getResponseStatusCode() == ResponseStatusCode.SERVER_ERROR_TEMPORARY
            && attempt < 100) {
          tally.conflicts.incrementAndGet();
          Thread.sleep(ThreadLocalRandomHolder.backoff(attempt));
          continue;
        }
        throw e;
      }
    }
  }

  /** A short random back-off so that the same requests do not collide again at once. */
  static final class ThreadLocalRandomHolder {
    static long backoff(int attempt) {
      return java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 2 + Math.min(attempt, 10) * 3L);
    }
  }
}
