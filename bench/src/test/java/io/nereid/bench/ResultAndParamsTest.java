package io.nereid.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultAndParamsTest {

  @Test
  void resultLineRoundTrips() {
    Result r = new Result("get", "kv", new double[] {1.5, 3, 2}, -7, 0.97, "a note\twith tab");
    Result back = Result.parse(r.toLine());
    assertEquals("get", back.workload());
    assertEquals("kv", back.variant());
    assertArrayEquals(new double[] {1.5, 3, 2}, back.opsPerSecond());
    assertEquals(-7, back.checksum());
    assertEquals(0.97, back.onCpu());
    assertEquals("a note with tab", back.note());
    assertEquals(2, back.median());
  }

  @Test
  void poolingConcatenatesSamples() {
    Result a = new Result("scan", "kv", new double[] {1, 2}, 5, 0.9, "n");
    Result b = new Result("scan", "kv", new double[] {3, 4}, 5, 0.8, "n");
    Result p = a.pooledWith(b);
    assertArrayEquals(new double[] {1, 2, 3, 4}, p.opsPerSecond());
    assertEquals(2.5, p.median());
    assertEquals(0.8, p.onCpu());
    assertEquals("n", p.note());
  }

  @Test
  void paramsRoundTripThroughTheirOptions() {
    KvParams p = KvParams.parse(KvParams.defaults(), List.of("--n", "1_000", "--commit-seconds", "0.5"));
    assertEquals(1000, p.n());
    assertEquals(0.5, p.commitSeconds());
    assertEquals(p, KvParams.parse(KvParams.quick(), p.toArgs()));
    assertThrows(IllegalArgumentException.class,
        () -> KvParams.parse(KvParams.defaults(), List.of("--nope", "1")));
  }

  @Test
  void checksumsMustAgreeAcrossVariants() {
    List<Result> rs = List.of(
        new Result("get", "raw-bb", new double[] {1}, 10, -1, ""),
        new Result("get", "kv", new double[] {1}, 11, -1, ""),
        new Result("commit", "kv-1w", new double[] {1}, 0, -1, ""));
    assertEquals(1, KvBench.checksumMismatches(rs).size());
  }
}
