package io.nereid.graph;

import static org.junit.jupiter.api.Assertions.*;

import io.nereid.graph.dict.ExternalIdHints;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vertex(externalId)} uses a shared hint (external id to internal id) only once the vertex
 * record in the reader's own snapshot confirms it: removal, reuse of the external id, older
 * snapshots and rolled-back creations must all give what the xid index gives.
 */
class VertexIdHintTest {

  @TempDir Path dir;

  @Test
  void theHintTableRemembersAndEvictsButNeverConfuses() {
    ExternalIdHints hints = new ExternalIdHints(4);
    assertEquals(-1, hints.get("a"));
    hints.put("a", 7);
    assertEquals(7, hints.get("a"));
    for (int i = 0; i < 100; i++) {
      hints.put("x" + i, i); // collisions evict
    }
    long a = hints.get("a");
    assertTrue(a == -1 || a == 7, "a hint is the last value put for that id, or nothing");
    for (int i = 0; i < 100; i++) {
      long h = hints.get("x" + i);
      assertTrue(h == -1 || h == i);
    }
  }

  @Test
  void removalReuseAndOlderSnapshotsGiveTheIndexAnswer() {
    try (GraphStore g = TestStores.open(dir, 4)) {
      long first;
      try (GraphTxn tx = g.begin()) {
        first = tx.addVertex("x", "person").id();
        tx.commit();
      }
      try (GraphSnapshot s = g.snapshot()) {
        assertEquals(first, s.vertex("x").orElseThrow().id()); // now hinted
      }
      try (GraphSnapshot before = g.snapshot()) {
        try (GraphTxn tx = g.begin()) {
          tx.removeVertex(first);
          tx.commit();
        }
        try (GraphSnapshot s = g.snapshot()) {
          assertEquals(Optional.empty(), s.vertex("x"), "a hint to a removed vertex is not used");
        }
        long second;
        try (GraphTxn tx = g.begin()) {
          second = tx.addVertex("x", "robot").id();
          tx.commit();
        }
        assertNotEquals(first, second);
        try (GraphSnapshot s = g.snapshot()) {
          assertEquals(second, s.vertex("x").orElseThrow().id());
          assertEquals("robot", s.vertex("x").orElseThrow().label());
        }
        // The hint now names the second vertex; the older snapshot still has the first.
        assertEquals(first, before.vertex("x").orElseThrow().id());
        assertEquals("person", before.vertex("x").orElseThrow().label());
      }
      // A creation that is rolled back leaves a hint behind that nothing confirms.
      try (GraphTxn tx = g.begin()) {
        long ghost = tx.addVertex("ghost", "person").id();
        assertEquals(ghost, tx.vertex("ghost").orElseThrow().id(), "read your own write");
        tx.rollback();
      }
      try (GraphSnapshot s = g.snapshot()) {
        assertEquals(Optional.empty(), s.vertex("ghost"));
      }
      TestStores.assertConsistent(g);
    }
  }
}
