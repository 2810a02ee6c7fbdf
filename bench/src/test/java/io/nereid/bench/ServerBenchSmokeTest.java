package io.nereid.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server benchmark on a tiny graph: both real servers start from the repository's conf/, agree
 * on every checked answer, and serve every cell without errors.
 */
class ServerBenchSmokeTest {

  @TempDir Path dir;

  @Test
  void bothServersAgreeAndServeEveryCell() throws Exception {
    ServerParams p = ServerParams.parse(ServerParams.quick(), List.of(
        "--persons", "300", "--clients", "1,4", "--warmup-seconds", "0", "--seconds", "0.3",
        "--checks", "30", "--partitions", "2"));
    ServerBench.Outcome out = ServerBench.measure(p, Path.of("..", "conf"), dir);
    assertEquals(List.of(), out.problems);
    assertEquals(2 * ServerBench.QUERIES.size(), out.cells.size());
    for (ServerBench.Cell c : out.cells) {
      assertEquals(1, c.nereid.size());
      assertEquals(1, c.tinker.size());
      assertTrue(c.nereid.get(0).requests() > 0, c.query.key());
      assertTrue(c.tinker.get(0).requests() > 0, c.query.key());
      assertEquals(c.nereid.get(0).requests(), c.nereid.get(0).latencyNanos().length);
      assertTrue(c.ratio() > 0, c.query.key());
    }
    String section = ServerReport.section(p, MachineInfo.collect(dir), "0 0 0",
        ZonedDateTime.now(), "bench/run server", out);
    assertTrue(section.startsWith(ServerReport.HEADING + "\n"), section);
    assertTrue(section.contains("| 1-hop count | `g.V(id).out('knows').count()` | 4 |"), section);
  }

  @Test
  void optionsAreParsedAndChecked() {
    ServerParams p = ServerParams.parse(ServerParams.defaults(), List.of("--clients", "2, 16"));
    assertEquals(List.of(2, 16), p.clients());
    assertEquals(100_000, p.graph().persons());
    assertThrows(IllegalArgumentException.class,
        () -> ServerParams.parse(ServerParams.defaults(), List.of("--clients", "0")));
    assertThrows(IllegalArgumentException.class,
        () -> ServerParams.parse(ServerParams.defaults(), List.of("--bogus", "1")));
  }

  @Test
  void quantilesAreNearestRank() {
    long[] a = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertEquals(5, ClosedLoop.quantile(a, 0.5));
    assertEquals(10, ClosedLoop.quantile(a, 0.99));
    assertEquals(1, ClosedLoop.quantile(a, 0.0));
  }
}
