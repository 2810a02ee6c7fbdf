package io.nereid.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every implementation runs every workload on a tiny data set and computes the same checksums. */
class KvBenchSmokeTest {

  @TempDir Path dir;

  @Test
  void allImplementationsAgree() throws Exception {
    KvParams p = KvParams.parse(KvParams.quick(), List.of(
        "--n", "3000", "--gets", "2000", "--scans", "300", "--iterations", "1",
        "--bulk-iterations", "1", "--commit-seconds", "0.3", "--writers", "4"));
    List<Result> results = new ArrayList<>();
    for (String impl : KvBench.IMPLEMENTATIONS) {
      KvBench.work(impl, p, Files.createDirectories(dir.resolve(impl)), results::add);
    }
    assertEquals(List.of(), KvBench.checksumMismatches(results));
    Set<String> seen =
        results.stream().map(r -> r.workload() + "/" + r.variant()).collect(Collectors.toSet());
    for (String expected : List.of("get/raw-bb", "get/raw-bb-nocopy", "get/raw-agrona", "get/kv",
        "scan/kv", "full/kv", "full/raw-agrona-nocopy", "bulk/raw-bb", "bulk/kv", "bulk/kv-8p",
        "commit/raw-bb-1w", "commit/kv-1w", "commit/kv-4w")) {
      assertTrue(seen.contains(expected), expected + " missing from " + seen);
    }
    for (Result r : results) {
      assertTrue(r.median() > 0, r.toString());
    }
  }
}
