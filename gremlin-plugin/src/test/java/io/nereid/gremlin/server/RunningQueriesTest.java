package io.nereid.gremlin.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The registry behind /gremlin/status: counting, cancel, the commit guard, lazy query text. */
class RunningQueriesTest {

  @Test
  void cancelInterruptsTheRegisteringThreadAndForbidsTheCommit() {
    RunningQueries queries = new RunningQueries();
    UUID id = UUID.randomUUID();
    queries.start(id, "g.V()");
    assertTrue(queries.cancel(id));
    assertTrue(Thread.interrupted(), "the thread that registered the query is interrupted");
    assertTrue(queries.wasCancelled(id));
    assertFalse(queries.commit(id), "a cancelled query must roll back, not commit");
    queries.finish(id);
    assertFalse(queries.cancel(id), "a finished query cannot be cancelled");
    assertFalse(Thread.interrupted());
    assertEquals(1, queries.acceptedCount());
  }

  @Test
  void aCommittingQueryIsNotInterrupted() {
    RunningQueries queries = new RunningQueries();
    UUID id = UUID.randomUUID();
    queries.start(id, "g.addV()");
    queries.waited(id, 7);
    assertEquals(7, queries.get(id).orElseThrow().waitedMillis());
    assertTrue(queries.commit(id));
    assertFalse(queries.cancel(id));
    assertFalse(Thread.interrupted(), "no interrupt may reach a committing thread");
    assertEquals(1, queries.list().size(), "still listed until it finishes");
    queries.finish(id);
    assertTrue(queries.list().isEmpty());
    queries.start(UUID.randomUUID(), "g.E()");
    assertEquals(2, queries.acceptedCount());
  }

  @Test
  void theTextIsRenderedOnlyWhenAskedForAndOnce() {
    RunningQueries running = new RunningQueries();
    AtomicInteger rendered = new AtomicInteger();
    UUID unread = UUID.randomUUID();
    running.start(unread, () -> "never " + rendered.incrementAndGet());
    running.finish(unread);
    assertEquals(0, rendered.get());

    UUID read = UUID.randomUUID();
    running.start(read, () -> "g.V() #" + rendered.incrementAndGet());
    assertEquals("g.V() #1", running.get(read).orElseThrow().query());
    assertEquals("g.V() #1", running.list().get(0).query());
    assertEquals(1, rendered.get());
    running.finish(read);
    assertTrue(running.list().isEmpty());
    assertFalse(running.get(read).isPresent());
  }

  @Test
  void aPlainTextIsKeptAsGiven() {
    RunningQueries running = new RunningQueries();
    UUID id = UUID.randomUUID();
    running.start(id, "g.V().count()");
    assertEquals("g.V().count()", running.get(id).orElseThrow().query());
  }
}
