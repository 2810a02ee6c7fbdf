package io.nereid.kv.lmdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.kv.BulkBatch;
import io.nereid.kv.KeyRange;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvIterator;
import io.nereid.kv.KvStore;
import io.nereid.kv.KvStoreConfig;
import io.nereid.kv.Snapshot;
import io.nereid.kv.WriteTxn;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery of header-only log records (bulk batches of one partition, made durable by the
 * partition itself) and of bulk batches logged whole from their off-heap entries. The crash
 * states are built by hand: frames appended to the log of a closed store, or a copy of an open
 * store's files (what a crash at that instant leaves).
 */
class HeaderOnlyRecoveryTest {

  @TempDir Path tmp;

  private static final KvStoreConfig CONFIG = KvStoreConfig.of("data").withPartitions(4);

  private static byte[] key(long i) {
    return ByteBuffer.allocate(8).putLong(i).array();
  }

  private static byte[] value(long i) {
    return ByteBuffer.allocate(40).putLong(i * 31).array();
  }

  /** The newest log segment of a store. */
  private static Path lastSegment(Path store) throws IOException {
    try (Stream<Path> s = Files.list(store.resolve("wal"))) {
      return s.filter(p -> p.toString().endsWith(".wal")).sorted().reduce((a, b) -> b).orElseThrow();
    }
  }

  private static void appendFrames(Path segment, List<CommitRecord> records) throws IOException {
    ByteBuffer scratch = ByteBuffer.allocateDirect((int) WalCodec.scratchBytes(records));
    try (FileChannel c = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer[] frames = WalCodec.encode(records, scratch);
      long left = 0;
      for (ByteBuffer b : frames) {
        left += b.remaining();
      }
      while (left > 0) {
        left -= c.write(frames);
      }
      c.force(true);
    }
  }

  private static List<CommitRecord> readLog(Path store) throws IOException {
    List<CommitRecord> records = new ArrayList<>();
    try (Stream<Path> s = Files.list(store.resolve("wal"))) {
      for (Path seg : s.filter(p -> p.toString().endsWith(".wal")).sorted().toList()) {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(seg));
        for (CommitRecord r; (r = WalCodec.readFrame(buf)) != null; ) {
          records.add(r);
        }
      }
    }
    return records;
  }

  @Test
  void aHeaderOnlyRecordItsPartitionNeverAppliedIsDroppedAndLaterRecordsReplay() throws Exception {
    Path dir = tmp.resolve("store");
    long seq;
    try (KvStore store = KvStore.open(dir, CONFIG)) {
      try (WriteTxn txn = store.beginWrite()) {
        txn.put(0, store.keySpace("data"), key(1), value(1));
        seq = txn.commit();
      }
    }
    // The crash: a single-partition bulk batch logged but never committed in partition 0 (so never
    // acknowledged), then a commit after it in the same group, logged in full.
    CommitRecord lost = CommitRecord.headerOnly(seq + 1, 0);
    CommitRecord after =
        new CommitRecord(
            seq + 2,
            false,
            List.of(Mutation.put(0, 0, key(3), value(3)), Mutation.put(2, 0, key(3), value(3))));
    appendFrames(lastSegment(dir), List.of(lost, after));

    try (KvStore store = KvStore.open(dir, CONFIG)) {
      KeySpace data = store.keySpace("data");
      assertEquals(seq + 2, store.lastCommitSeq(), "sequence numbers continue past the log");
      try (Snapshot s = store.snapshot()) {
        assertArrayEquals(value(1), s.get(0, data, key(1)));
        assertArrayEquals(value(3), s.get(0, data, key(3)), "the later commit is replayed");
        assertArrayEquals(value(3), s.get(2, data, key(3)));
      }
      try (WriteTxn txn = store.beginWrite()) {
        txn.put(1, data, key(4), value(4));
        assertEquals(seq + 3, txn.commit(), "no sequence number is used twice");
      }
    }
  }

  @Test
  void anAcknowledgedSinglePartitionBulkBatchSurvivesACrashWithItsHeaderInTheLog()
      throws Exception {
    Path dir = tmp.resolve("store");
    Path crashed = tmp.resolve("crashed");
    int n = 20_000;
    try (KvStore store = KvStore.open(dir, CONFIG)) {
      KeySpace data = store.keySpace("data");
      long bulkSeq;
      try (BulkBatch batch = store.bulkBatch()) {
        for (int i = 0; i < n; i++) {
          batch.put(3, data, key(i), value(i));
        }
        batch.add(3, data, key(n + 5), 12);
        bulkSeq = batch.commit();
      }
      try (WriteTxn txn = store.beginWrite()) {
        txn.put(3, data, key(n + 10), value(-1)); // a later commit of the same partition
        txn.commit();
      }
      // What a kill -9 leaves now: no checkpoint ran, so the log still holds the header.
      copyStore(dir, crashed);
      List<CommitRecord> logged = readLog(crashed);
      assertTrue(
          logged.stream().anyMatch(r -> r.seq() == bulkSeq && r.headerOnly() && r.headerPartition() == 3),
          "expected a header-only record of the bulk batch in the log: " + logged);
      // Its records, then nothing but the zeros preallocated after them (see WriteAheadLog).
      ByteBuffer segment = ByteBuffer.wrap(Files.readAllBytes(lastSegment(crashed)));
      while (WalCodec.readFrame(segment) != null) {
        // whole frames
      }
      int records = segment.position();
      while (segment.hasRemaining()) {
        assertEquals(0, segment.get(), "bytes after the log's records");
      }
      assertTrue(records < 1024,
          "a header-only batch must not put its entries in the log: " + records + " bytes");
    }
    try (KvStore store = KvStore.open(crashed, CONFIG);
        Snapshot s = store.snapshot()) {
      KeySpace data = store.keySpace("data");
      int i = 0;
      try (KvIterator it = s.scan(3, data, KeyRange.closedOpen(key(0), key(n)))) {
        while (it.hasNext()) {
          var e = it.next();
          assertArrayEquals(key(i), e.key());
          assertArrayEquals(value(i), e.value());
          i++;
        }
      }
      assertEquals(n, i);
      assertEquals(12, Counters.decode(s.get(3, data, key(n + 5))));
      assertArrayEquals(value(-1), s.get(3, data, key(n + 10)));
      assertNull(s.get(0, data, key(0)));
    }
  }

  @Test
  void aMultiPartitionBulkBatchReplaysFromItsLogFrame() throws Exception {
    Path dir = tmp.resolve("store");
    long seq;
    try (KvStore store = KvStore.open(dir, CONFIG)) {
      seq = store.lastCommitSeq();
    }
    int n = 30_000;
    try (BulkEntries entries = new BulkEntries(4)) {
      for (int i = 0; i < n; i++) {
        entries.put(i % 3, 0, key(i), value(i));
      }
      entries.add(3, 0, key(7), 5);
      // Logged, and the crash came before any partition committed it.
      appendFrames(lastSegment(dir), List.of(CommitRecord.ofBulk(seq + 1, entries)));
    }
    try (KvStore store = KvStore.open(dir, CONFIG);
        Snapshot s = store.snapshot()) {
      KeySpace data = store.keySpace("data");
      assertEquals(seq + 1, store.lastCommitSeq());
      for (int i = 0; i < n; i += 7) {
        assertArrayEquals(value(i), s.get(i % 3, data, key(i)), "entry " + i);
      }
      assertEquals(5, Counters.decode(s.get(3, data, key(7))));
    }
  }

  /** Copies a store's files (not LMDB's lock files) as a crash would leave them. */
  private static void copyStore(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (!p.getFileName().toString().equals("lock.mdb")) {
          Files.copy(p, target);
        }
      }
    }
  }
}
