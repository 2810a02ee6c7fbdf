package io.nereid.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.graph.GraphStore;
import io.nereid.kv.Snapshot;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The counters a load commits with its progress keys are the job's counters, file by file: what
 * RESUME and a load's status read back from the store after a crash. With two batches in flight,
 * a batch's progress must count the batch before it, which the job records only once it has
 * committed. The loader's thread is slowed at each batch's end, so that the committer has
 * committed a batch before the loader's thread records the one before it in the job.
 */
class ProgressCountersTest {

  @TempDir Path tmp;

  @AfterEach
  void restore() {
    LoadRun.beforeCommit = null;
  }

  @Test
  void theStoredCountersOfEveryFileAreTheJobs() throws Exception {
    Path data = tmp.resolve("data");
    KillAndResumeTest.generate(data, new Random(7)); // with bad rows: errors are counted too
    Path store = tmp.resolve("store");
    LoadRun.beforeCommit = () -> {
      try {
        Thread.sleep(30);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    try (GraphStore s = LoadTestSupport.openLarge(store)) {
      LoadOptions options = LoadOptions.defaults().withFailOnError(false).withBatchStatements(2000);
      LoadJob.View v = LoadTestSupport.load(s, BulkLoader.defaultJobDir(store), options, data);
      LoadProgress.Job stored;
      try (Snapshot snap = s.kv().snapshot()) {
        stored = LoadProgress.read(snap, s.spaces().meta(), v.id());
      }
      assertEquals(v.feeds().size(), stored.feeds().size());
      assertTrue(v.overall().errors() > 0, "the data has bad rows");
      for (int i = 0; i < v.feeds().size(); i++) {
        LoadJob.FeedView f = v.feeds().get(i);
        assertEquals(Arrays.toString(f.counters().toArray()),
            Arrays.toString(stored.feeds().get(i).counters().toArray()), f.path());
        assertEquals(f.recordsDone(), stored.feeds().get(i).records(), f.path());
      }
    }
  }
}
