package io.nereid.kv.lmdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Frames written by {@link WalCodec#encode} read back as the same records. */
class WalCodecTest {

  private static byte[] key(int i) {
    return ByteBuffer.allocate(12).putInt(7).putLong(i).array();
  }

  /** Concatenates the buffers of a gathering write, as the log file receives them. */
  private static ByteBuffer concat(ByteBuffer[] parts) {
    int total = 0;
    for (ByteBuffer b : parts) {
      total += b.remaining();
    }
    ByteBuffer all = ByteBuffer.allocate(total);
    for (ByteBuffer b : parts) {
      all.put(b.duplicate());
    }
    return all.flip();
  }

  @Test
  void bulkEntriesAcrossChunksAndPartitionsReadBackAsMutations() {
    Random rnd = new Random(3);
    try (BulkEntries entries = new BulkEntries(4)) {
      List<Mutation> expected = new ArrayList<>();
      // Enough data for several chunks per partition; values of varying size.
      for (int i = 0; i < 20_000; i++) {
        int p = i % 3 == 0 ? 3 : 1;
        byte[] value = new byte[rnd.nextInt(300)];
        rnd.nextBytes(value);
        if (i % 97 == 0) {
          entries.add(p, 2, key(i), i - 5000);
          expected.add(Mutation.add(p, 2, key(i), i - 5000));
        } else {
          entries.put(p, 1, key(i), value);
          expected.add(Mutation.put(p, 1, key(i), value));
        }
      }
      assertTrue(entries.parts().get(0).chunkCount() > 2, "the test should span chunks");
      CommitRecord before = new CommitRecord(41, false, List.of(Mutation.delete(0, 0, key(1))));
      CommitRecord bulk = CommitRecord.ofBulk(42, entries);
      CommitRecord after = new CommitRecord(43, false, List.of(Mutation.put(2, 0, key(2), key(3))));
      List<CommitRecord> records = List.of(before, bulk, after);
      ByteBuffer scratch = ByteBuffer.allocateDirect((int) WalCodec.scratchBytes(records));
      ByteBuffer file = concat(WalCodec.encode(records, scratch));
      assertEquals(before.frameSize() + bulk.frameSize() + after.frameSize(), file.remaining());

      assertEquals(41, WalCodec.readFrame(file).seq());
      CommitRecord read = WalCodec.readFrame(file);
      assertEquals(42, read.seq());
      assertTrue(read.bulk());
      // The log groups a bulk batch's entries by partition, each partition's in the caller's order.
      List<Mutation> byPartition = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        for (Mutation m : expected) {
          if (m.partition() == p) {
            byPartition.add(m);
          }
        }
      }
      assertEquals(byPartition.size(), read.mutations().size());
      for (int i = 0; i < byPartition.size(); i++) {
        Mutation want = byPartition.get(i);
        Mutation got = read.mutations().get(i);
        assertEquals(want.partition(), got.partition(), "mutation " + i);
        assertEquals(want.space(), got.space());
        assertEquals(want.kind(), got.kind());
        assertArrayEquals(want.key(), got.key());
        assertArrayEquals(want.value(), got.value());
        assertEquals(want.delta(), got.delta());
      }
      CommitRecord last = WalCodec.readFrame(file);
      assertEquals(43, last.seq());
      assertArrayEquals(key(3), last.mutations().get(0).value());
      assertNull(WalCodec.readFrame(file));
    }
  }

  @Test
  void aSinglePartitionBulkBatchIsLoggedAsAHeaderOnly() {
    try (BulkEntries entries = new BulkEntries(8)) {
      for (int i = 0; i < 1000; i++) {
        entries.put(5, 0, key(i), new byte[100]);
      }
      CommitRecord bulk = CommitRecord.ofBulk(9, entries);
      assertTrue(bulk.headerOnly());
      assertEquals(5, bulk.headerPartition());
      ByteBuffer scratch = ByteBuffer.allocateDirect((int) WalCodec.scratchBytes(List.of(bulk)));
      ByteBuffer file = concat(WalCodec.encode(List.of(bulk), scratch));
      assertEquals(WalCodec.FRAME_HEADER + WalCodec.HEADER_ONLY_RECORD, file.remaining());
      CommitRecord read = WalCodec.readFrame(file);
      assertEquals(9, read.seq());
      assertTrue(read.headerOnly());
      assertTrue(read.bulk());
      assertEquals(5, read.headerPartition());
      assertEquals(List.of(), read.mutations());
    }
  }

  @Test
  void aTornFrameReadsAsNothing() {
    CommitRecord r = new CommitRecord(1, false, List.of(Mutation.put(0, 0, key(1), new byte[50])));
    ByteBuffer scratch = ByteBuffer.allocateDirect((int) WalCodec.scratchBytes(List.of(r)));
    ByteBuffer file = concat(WalCodec.encode(List.of(r), scratch));
    ByteBuffer torn = file.duplicate().limit(file.limit() - 1);
    assertNull(WalCodec.readFrame(torn));
    assertEquals(0, torn.position());
    ByteBuffer flipped = ByteBuffer.allocate(file.remaining()).put(file.duplicate()).flip();
    flipped.put(30, (byte) (flipped.get(30) ^ 1));
    assertNull(WalCodec.readFrame(flipped));
  }
}
