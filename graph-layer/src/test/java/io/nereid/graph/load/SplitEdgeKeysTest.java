package io.nereid.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.graph.GraphStore;
import io.nereid.graph.TestStores;
import io.nereid.kv.KeyRange;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvEntry;
import io.nereid.kv.KvIterator;
import io.nereid.kv.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BatchWriter} builds a large edge batch's keys in two halves at once ({@link FactWriter}
 * twice, runs appended). The store must not tell: loads with every edge batch split and with none
 * split hold the same bytes under the same keys in every key space but {@code meta} (the load's
 * job and progress records), since edge ids and dictionary terms are given out in draft order
 * before the halves start (long string values, which the dictionary interns, too). The data:
 * KillAndResumeTest's (merged rows, duplicate and bad edges) and edges with long string values. OVERSUBSCRIBE gives the sort pool at least two threads,
 * which a split needs.
 */
class SplitEdgeKeysTest {

  @TempDir Path tmp;

  @AfterEach
  void restore() {
    BatchWriter.splitEdges = 4096;
    LoadRun.defer = true;
  }

  private static final LoadOptions OPTIONS = LoadOptions.defaults().withFailOnError(false)
      .withBatchStatements(5000).withParallelism(LoadOptions.Parallelism.OVERSUBSCRIBE);

  @Test
  void splitAndUnsplitEdgeBatchesWriteTheSameKeys() throws Exception {
    Path data = tmp.resolve("data");
    KillAndResumeTest.generate(data, new Random(7));
    StringBuilder notes = new StringBuilder("~id,~from,~to,~label,note:String\n");
    for (int i = 0; i < 6000; i++) {
      // notes of 160+ UTF-8 bytes, past ValueCodec's inline limit, so they are interned: each of
      // 100 edges in a row, so that the two halves of a batch meet notes the other has not
      notes.append("n").append(i).append(",p").append(i % 500).append(",p").append((i * 7) % 500)
          .append(",noted,").append("note ").append(i / 100).append(" ").append("é".repeat(80))
          .append('\n');
    }
    Files.writeString(data.resolve("notes.csv"), notes);
    for (boolean defer : new boolean[] {true, false}) {
      LoadRun.defer = defer;
      BatchWriter.splitEdges = Integer.MAX_VALUE;
      List<String> whole = load(tmp.resolve("whole-" + defer), data);
      BatchWriter.splitEdges = 2;
      List<String> split = load(tmp.resolve("split-" + defer), data);
      assertTrue(whole.size() > 10_000, "too few keys to mean anything: " + whole.size());
      assertEquals(whole.size(), split.size(), "key count, deferred " + defer);
      for (int i = 0; i < whole.size(); i++) {
        assertEquals(whole.get(i), split.get(i), "entry " + i + ", deferred " + defer);
      }
    }
  }

  /** Loads {@code data} into a new store; its entries outside {@code meta}, in key order. */
  private List<String> load(Path store, Path data) throws Exception {
    try (GraphStore s = LoadTestSupport.openLarge(store)) {
      LoadJob.View v = LoadTestSupport.load(s, BulkLoader.defaultJobDir(store), OPTIONS, data);
      assertEquals(LoadStatus.LOAD_FAILED, v.status()); // bad rows on purpose
      TestStores.assertConsistent(s);
      List<String> entries = new ArrayList<>();
      HexFormat hex = HexFormat.of();
      try (Snapshot snap = s.kv().snapshot()) {
        for (KeySpace space : s.kv().keySpaces()) {
          if (space.equals(s.spaces().meta())) {
            continue;
          }
          for (int p = 0; p < s.kv().partitionCount(); p++) {
            try (KvIterator it = snap.scan(p, space, KeyRange.all())) {
              while (it.hasNext()) {
                KvEntry e = it.next();
                entries.add(space.name() + " " + p + " " + hex.formatHex(e.key()) + " = "
                    + hex.formatHex(e.value()));
              }
            }
          }
        }
      }
      return entries;
    }
  }
}
