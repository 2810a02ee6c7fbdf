package io.nereid.gremlin.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The running-query registry renders a query's text only when asked, and once. */
class RunningQueriesTest {

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
