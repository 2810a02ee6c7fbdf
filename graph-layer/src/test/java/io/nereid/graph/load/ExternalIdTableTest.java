package io.nereid.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The loader's id table answers like a HashMap, across growth and replaced entries. */
class ExternalIdTableTest {

  @Test
  void answersLikeAHashMap() {
    ExternalIdTable table = new ExternalIdTable();
    Map<String, Long> expected = new HashMap<>();
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 200_000; i++) {
      String id = switch (rnd.nextInt(4)) {
        case 0 -> "p" + rnd.nextInt(100_000);
        case 1 -> "ü" + rnd.nextInt(1000);
        case 2 -> "";
        default -> "long-" + "x".repeat(rnd.nextInt(600)) + rnd.nextInt(50);
      };
      long v = rnd.nextLong(Long.MAX_VALUE);
      table.put(id, v);
      expected.put(id, v);
    }
    assertEquals(expected.size(), table.size());
    expected.forEach((k, v) -> assertEquals(v, table.get(k), k));
    for (int i = 0; i < 10_000; i++) {
      String absent = "q" + i;
      assertEquals(-1, table.get(absent));
    }
  }
}
