package io.nereid.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.graph.GraphStore;
import io.nereid.graph.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RESUME after a failOnError stop (file unchanged, then fixed) and after a cancel. */
class ResumeAndCancelTest {

  @TempDir Path tmp;

  @Test
  void failOnErrorStopThenResumeRetriesTheFailingRecordAndAChangedFileReloads() throws Exception {
    Path data = tmp.resolve("data");
    Files.createDirectories(data);
    Path v = data.resolve("v.csv");
    Files.writeString(v, "~id,n:Int\na,1\nb,x\nc,3\n");
    Files.setLastModifiedTime(v, FileTime.fromMillis(1_000_000));
    try (GraphStore store = LoadTestSupport.open(tmp.resolve("s"))) {
      Path jobs = tmp.resolve("jobs");
      LoadJob.View first = LoadTestSupport.load(store, jobs, LoadOptions.defaults(), data);
      assertEquals(LoadStatus.LOAD_FAILED, first.status());
      assertEquals(Set("a"), MalformedCorpusTest.vertexIds(store));
      assertEquals(1, first.feeds().get(0).recordsDone(), "stopped before the failing record");

      LoadJob.View again = LoadTestSupport.load(store, jobs,
          LoadOptions.defaults().withMode(LoadOptions.Mode.RESUME), data);
      assertEquals(first.id(), again.id());
      assertEquals(2, again.runNumber());
      assertEquals(LoadStatus.LOAD_FAILED, again.status(), "the same record fails again");
      assertEquals(List.of(3L, 3L), again.errors().stream().map(LoadError::line).toList());

      Files.writeString(v, "~id,n:Int\na,1\nb,2\nc,3\n"); // fixed: reloaded from its start
      LoadJob.View fixed = LoadTestSupport.load(store, jobs,
          LoadOptions.defaults().withMode(LoadOptions.Mode.RESUME), data);
      assertEquals(LoadStatus.LOAD_COMPLETED, fixed.status(), fixed.errors().toString());
      assertEquals(3, fixed.runNumber());
      assertEquals("V a vertex [n=1:Integer]\nV b vertex [n=2:Integer]\nV c vertex [n=3:Integer]",
          LoadTestSupport.describe(store));
      TestStores.assertConsistent(store);
    }
  }

  @Test
  void cancelStopsAfterACommittedBatchAndResumeFinishes() throws Exception {
    Path data = tmp.resolve("data");
    KillAndResumeTest.generate(data, new Random(5));
    Path jobs = tmp.resolve("jobs");
    LoadOptions options = LoadOptions.defaults().withFailOnError(false).withBatchStatements(5000);
    String cancelledGraph;
    try (GraphStore store = LoadTestSupport.openLarge(tmp.resolve("s"))) {
      BulkLoader loader = new BulkLoader(store, jobs);
      LoadJob job = loader.prepare(List.of(data), options);
      CompletableFuture<LoadJob.View> run = CompletableFuture.supplyAsync(
          () -> loader.run(job, null));
      while (job.view().overall().totalRecords < 20_000 && !run.isDone()) {
        Thread.sleep(5);
      }
      job.cancel(); // DELETE /loader/{id}
      LoadJob.View v = run.get();
      assertEquals(LoadStatus.LOAD_CANCELLED_BY_USER, v.status());
      assertFalse(v.feeds().stream().allMatch(LoadJob.FeedView::done), "cancelled mid-load");
      TestStores.assertConsistent(store);
      LoadJob.View resumed = loader.run(loader.prepare(List.of(data), options), null);
      assertEquals(LoadStatus.LOAD_FAILED, resumed.status()); // the data has bad rows
      assertTrue(resumed.feeds().stream().allMatch(LoadJob.FeedView::done));
      cancelledGraph = LoadTestSupport.describe(store);
    }
    try (GraphStore clean = LoadTestSupport.openLarge(tmp.resolve("clean"))) {
      LoadTestSupport.load(clean, tmp.resolve("jobs2"), options, data);
      KillAndResumeTest.assertSame(LoadTestSupport.describe(clean), cancelledGraph, "graph");
    }
  }

  private static java.util.Set<String> Set(String... ids) {
    return new java.util.TreeSet<>(List.of(ids));
  }
}
