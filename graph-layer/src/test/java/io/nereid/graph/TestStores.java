package io.nereid.graph;

import io.nereid.graph.tools.ConsistencyChecker;
import io.nereid.graph.tools.ConsistencyReport;
import io.nereid.kv.Durability;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;

/**
 * Stores for tests: the kv-layer's default 64 MiB maps (sparse files), ASYNC commits (durability is
 * the kv-layer's to test), small id blocks so that tests allocate many blocks.
 */
public final class TestStores {

  private TestStores() {}

  public static GraphStoreConfig config(int partitions) {
    return GraphStoreConfig.defaults()
        .withPartitions(partitions)
        .withDurability(Durability.ASYNC)
        .withInitialMapSize(64L << 20)
        .withIdsPerBlock(16);
  }

  public static GraphStore open(Path dir, int partitions) {
    return GraphStore.open(dir, config(partitions));
  }

  /** Runs the consistency checker and fails with its report if it finds anything. */
  public static void assertConsistent(GraphStore store) {
    ConsistencyReport report = new ConsistencyChecker(store).check();
    if (!report.isConsistent()) {
      Assertions.fail(report.toString());
    }
  }
}
