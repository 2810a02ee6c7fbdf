package io.nereid.graph.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nereid.graph.dict.ExternalIds;
import io.nereid.graph.quad.KeyOrder;
import io.nereid.graph.quad.Partitioner;
import io.nereid.graph.quad.Quad;
import io.nereid.graph.quad.QuadKind;
import io.nereid.graph.stats.Statistics;
import io.nereid.graph.value.Utf8;
import io.nereid.kv.codec.UnsignedVarint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The loader's key writers give the graph-layer's bytes; its runs sort like byte arrays. */
class FactKeysTest {

  private static final long[] IDS = {1, 7, 240, 241, 2287, 2288, 67823, 67824, 1L << 24,
      (1L << 32) + 5, Long.MAX_VALUE};

  @Test
  void quadKeysAreKeyOrderKeys() {
    byte[] buf = new byte[FactKeys.MAX_KEY];
    byte[] value = {0x22, (byte) 0x80, 0, 0, 1};
    for (long s : IDS) {
      for (long x : IDS) {
        List<Quad> quads = List.of(Quad.label(s, x), Quad.edge(s, x, x, s),
            Quad.vertexProperty(s, x, value, x), Quad.edgeProperty(s, x, value));
        for (Quad q : quads) {
          for (KeyOrder order : KeyOrder.values()) {
            assertEquals(order.holds(q), FactKeys.holds(order, q.kind(), q.g()), order + " " + q);
            if (order.holds(q)) {
              int n = FactKeys.quad(order, buf, q.s(), q.kind(), q.p(), q.o(), q.o().length, q.g());
              assertArrayEquals(order.key(q), Arrays.copyOf(buf, n), order + " " + q);
            }
          }
        }
      }
    }
  }

  @Test
  void degreeAndExternalIdKeys() {
    byte[] buf = new byte[FactKeys.MAX_KEY];
    for (long v : IDS) {
      for (long label : IDS) {
        int n = FactKeys.degree(buf, v, Statistics.IN, label);
        assertArrayEquals(Statistics.degreeKey(v, Statistics.IN, label), Arrays.copyOf(buf, n));
      }
    }
    FactKeys.Utf8Buffer utf8 = new FactKeys.Utf8Buffer();
    Partitioner partitioner = new Partitioner(8);
    for (String id : List.of("", "p1", "ünïcødé", "x".repeat(400), "y".repeat(401), "€".repeat(200),
        "a".repeat(100) + "😀")) {
      utf8.encode(id);
      assertArrayEquals(Utf8.encode(id), Arrays.copyOf(utf8.bytes, utf8.length), id);
      for (ExternalIds.Kind kind : ExternalIds.Kind.values()) {
        int n = FactKeys.externalId(buf, kind, id, utf8.bytes, utf8.length);
        assertArrayEquals(ExternalIds.key(kind, id), Arrays.copyOf(buf, n), id);
      }
      assertEquals(partitioner.ofString(id), FactKeys.partitionOf(utf8.bytes, utf8.length, 8));
    }
  }

  @Test
  void runsSortAsUnsignedBytesAndSumCounters() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int round = 0; round < 20; round++) {
      KeyRun run = new KeyRun(4);
      List<byte[]> keys = new ArrayList<>();
      int n = 1 + rnd.nextInt(round < 10 ? 100 : 20_000);
      for (int i = 0; i < n; i++) {
        byte[] k = randomKey(rnd);
        keys.add(k);
        byte[] v = UnsignedVarint.encode(i);
        run.put(k, k.length, v, 0, v.length);
      }
      run.sort();
      keys.sort(Arrays::compareUnsigned);
      assertEquals(n, run.count());
      for (int i = 0; i < n; i++) {
        byte[] got = Arrays.copyOfRange(run.data(), run.keyOffset(i),
            run.keyOffset(i) + run.keyLength(i));
        assertArrayEquals(keys.get(i), got, "round " + round + " entry " + i);
      }
    }
    KeyRun counters = new KeyRun(4);
    long[] expected = new long[50];
    for (int i = 0; i < 5000; i++) {
      int k = rnd.nextInt(50);
      long d = rnd.nextInt(5) - 1;
      expected[k] += d;
      byte[] key = Statistics.degreeKey(k * 1000L, Statistics.OUT, 3);
      counters.addCounter(key, key.length, d);
    }
    counters.sort();
    long[] got = new long[50];
    for (int i = 0; i < counters.count(); i++) {
      long vertex = UnsignedVarint.read(counters.data(), counters.keyOffset(i) + 1);
      got[(int) (vertex / 1000)] += counters.delta(i);
    }
    assertArrayEquals(expected, got);
  }

  /** Keys with long shared prefixes, trailing zeros and repeats, as the loader's are. */
  private static byte[] randomKey(SplittableRandom rnd) {
    int prefix = rnd.nextInt(4);
    byte[] k = new byte[1 + rnd.nextInt(prefix == 0 ? 3 : 30)];
    for (int i = 0; i < k.length; i++) {
      k[i] = i < prefix * 6 ? (byte) (0x40 + prefix) : (byte) (rnd.nextInt(3) == 0 ? 0
          : rnd.nextInt(256));
    }
    return k;
  }
}
