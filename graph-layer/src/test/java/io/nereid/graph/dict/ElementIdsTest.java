package io.nereid.graph.dict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.graph.GraphStore;
import io.nereid.graph.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElementIdsTest {

  @TempDir Path dir;

  @Test
  void idsLandInTheRequestedPartitionAndVerticesRoundRobin() {
    try (GraphStore store = TestStores.open(dir, 5)) {
      ElementIds ids = store.elementIds();
      for (int i = 0; i < 200; i++) {
        int p = i % 5;
        assertEquals(p, store.partitioner().ofId(ids.nextInPartition(p)));
      }
      List<Integer> partitions = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        partitions.add(store.partitioner().ofId(ids.nextVertexId()));
      }
      assertEquals(List.of(0, 1, 2, 3, 4, 0, 1, 2, 3, 4), partitions);
    }
  }

  @Test
  void idsAreUniqueAcrossThreadsAndNeverReusedAfterReopen() throws Exception {
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    try (GraphStore store = TestStores.open(dir, 3)) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int partition = t % 3;
        threads.add(
            new Thread(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    assertTrue(seen.add(store.elementIds().nextInPartition(partition)));
                  }
                }));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      assertEquals(2000, seen.size());
    }
    try (GraphStore store = TestStores.open(dir, 3)) {
      long max = seen.stream().mapToLong(Long::longValue).max().orElseThrow();
      Set<Long> after = new HashSet<>();
      for (int i = 0; i < 100; i++) {
        after.add(store.elementIds().nextVertexId());
      }
      assertTrue(
          after.stream().allMatch(id -> id > max),
          "a new process continues past every handed-out block");
      assertTrue(after.stream().allMatch(id -> id > 0), "0 is reserved for 'no id'");
    }
  }
}
