package io.nereid.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The loader's id table answers like a HashMap, across growth and replaced entries, for ids kept
 * in their slot (up to {@link ExternalIdTable#INLINE} UTF-8 bytes) and longer ones.
 */
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

  @Test
  void idsAtTheInlineBoundaryAndIdsOfZeroBytesAreTold() {
    ExternalIdTable table = new ExternalIdTable();
    String[] ids = {"", "\0", "\0\0", "\0\0\0\0\0\0\0\0", "\0\0\0\0\0\0\0\0\0",
        "1234567", "12345678", "123456789", "12345678\0", "ü234567", "üü34567", "a\0", "\0a",
        "éééé", "éééé\0"};
    for (int i = 0; i < ids.length; i++) {
      table.put(ids[i], i);
    }
    assertEquals(ids.length, table.size());
    for (int i = 0; i < ids.length; i++) {
      assertEquals(i, table.get(ids[i]), "id " + i);
    }
    assertEquals(-1, table.get("\0\0\0"));
    assertEquals(-1, table.get("1234567\0"));
  }
}
