package io.nereid.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.nereid.graph.load.Drafts.EdgeDraft;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A batch's edge drafts are found by id whenever searches come: none until the end, one after
 * every add, or now and then while the batch grows past its expected size (the index is built
 * from the drafts added since the last search, and rebuilt when it fills up).
 */
class EdgeDraftsTest {

  @Test
  void searchesAfterEveryAdd() {
    check(1, 16);
  }

  @Test
  void searchesNowAndThenWhileGrowing() {
    check(997, 16);
  }

  @Test
  void searchesOnlyAtTheEnd() {
    check(Integer.MAX_VALUE, 100_000);
  }

  /** Adds 50,000 drafts, searching every {@code every} adds, then searches every id. */
  private static void check(int every, int expected) {
    EdgeDrafts drafts = new EdgeDrafts(expected);
    Map<String, EdgeDraft> added = new HashMap<>();
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < 50_000; i++) {
      String id = "e" + i;
      EdgeDraft d = new EdgeDraft(id, false, 0, i, i + 1, "knows");
      drafts.add(d, KnownIds.hash(id));
      added.put(id, d);
      if (i % every == 0) {
        String old = "e" + rnd.nextInt(i + 1);
        assertSame(added.get(old), drafts.get(old, KnownIds.hash(old)), old);
        assertNull(drafts.get("x" + i, KnownIds.hash("x" + i)));
      }
    }
    assertEquals(50_000, drafts.size());
    added.forEach((id, d) -> assertSame(d, drafts.get(id, KnownIds.hash(id)), id));
    for (int i = 0; i < 50_000; i++) {
      assertSame(added.get("e" + i), drafts.values().get(i)); // in the order of their adds
    }
    assertNull(drafts.get("e50000", KnownIds.hash("e50000")));
  }
}
