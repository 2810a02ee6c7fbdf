package io.nereid.kv.lmdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.kv.KvException;
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
 * Segments are preallocated with zeros ahead of the appends: a reader stops at the zeros, recovery
 * cuts them off the last segment, and a clean close leaves records only.
 */
class WriteAheadLogTest {

  @TempDir Path dir;

  private static CommitRecord record(long seq) {
    byte[] value = new byte[100 + (int) (seq % 7)];
    ByteBuffer.wrap(value).putLong(seq * 31);
    return new CommitRecord(seq, false, List.of(Mutation.put((int) (seq % 3), 0, key(seq), value)));
  }

  private static byte[] key(long seq) {
    return ByteBuffer.allocate(8).putLong(seq).array();
  }

  private static long append(WriteAheadLog log, long fromSeq, int count) {
    long bytes = 0;
    for (long seq = fromSeq; seq < fromSeq + count; seq++) {
      List<CommitRecord> one = List.of(record(seq));
      ByteBuffer scratch = ByteBuffer.allocateDirect((int) WalCodec.scratchBytes(one));
      log.append(WalCodec.encode(one, scratch));
      bytes += one.get(0).frameSize();
    }
    log.force();
    return bytes;
  }

  private List<Long> recoveredSeqs() {
    List<Long> seqs = new ArrayList<>();
    WriteAheadLog.recover(dir, r -> {
      seqs.add(r.seq());
      assertArrayEquals(key(r.seq()), r.mutations().get(0).key(), "record " + r.seq());
    });
    return seqs;
  }

  private static List<Long> range(long from, long toInclusive) {
    List<Long> l = new ArrayList<>();
    for (long s = from; s <= toInclusive; s++) {
      l.add(s);
    }
    return l;
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".wal")).sorted().toList();
    }
  }

  private static boolean zerosFrom(Path file, long from) throws IOException {
    byte[] all = Files.readAllBytes(file);
    for (long i = from; i < all.length; i++) {
      if (all[(int) i] != 0) {
        return false;
      }
    }
    return true;
  }

  @Test
  void appendsLandInPreallocatedZerosThatRecoveryCutsOff() throws IOException {
    WriteAheadLog log = WriteAheadLog.recover(dir, r -> {});
    log.startSegment(1);
    long bytes = append(log, 1, 50);
    Path segment = segments().get(0);
    // Not closed: what a killed process leaves.
    assertTrue(Files.size(segment) > bytes, "the segment is preallocated past its records");
    assertEquals(0, Files.size(segment) % 4096, "preallocated in whole pages");
    assertTrue(zerosFrom(segment, bytes), "the preallocated tail is zeros");

    assertEquals(range(1, 50), recoveredSeqs());
    assertEquals(bytes, Files.size(segment), "recovery cut the zeros off the last segment");
  }

  @Test
  void preallocationKeepsAheadOfManyAppends() throws IOException {
    WriteAheadLog log = WriteAheadLog.recover(dir, r -> {});
    log.startSegment(1);
    long bytes = append(log, 1, 3000); // about 400 KB: several chunks, each twice the last
    assertTrue(Files.size(segments().get(0)) > bytes, "preallocated past the last append");
    assertEquals(range(1, 3000), recoveredSeqs());
  }

  @Test
  void aLargeAppendExtendsTheFileWithoutZerosFirstAndSmallOnesPreallocateAfterIt()
      throws IOException {
    WriteAheadLog log = WriteAheadLog.recover(dir, r -> {});
    log.startSegment(1);
    long small = append(log, 1, 3);
    byte[] big = new byte[6 << 20]; // beyond the largest preallocation chunk
    big[big.length - 1] = 7;
    List<CommitRecord> one =
        List.of(new CommitRecord(4, false, List.of(Mutation.put(0, 0, key(4), big))));
    ByteBuffer scratch = ByteBuffer.allocateDirect((int) WalCodec.scratchBytes(one));
    log.append(WalCodec.encode(one, scratch));
    long afterBig = small + one.get(0).frameSize();
    Path segment = segments().get(0);
    assertEquals(afterBig, Files.size(segment), "the large append is not zero-filled first");
    append(log, 5, 2);
    assertTrue(Files.size(segment) > afterBig, "small appends preallocate again after it");

    List<CommitRecord> read = new ArrayList<>();
    WriteAheadLog.recover(dir, read::add);
    assertEquals(range(1, 6), read.stream().map(CommitRecord::seq).toList());
    assertArrayEquals(big, read.get(3).mutations().get(0).value());
  }

  @Test
  void aNewSegmentCutsTheLastOneToItsRecords() throws IOException {
    WriteAheadLog log = WriteAheadLog.recover(dir, r -> {});
    log.startSegment(1);
    long first = append(log, 1, 10);
    log.startSegment(11);
    append(log, 11, 5);
    assertEquals(first, Files.size(segments().get(0)));
    assertEquals(range(1, 15), recoveredSeqs());
  }

  @Test
  void aSegmentStartedAgainUnderItsNameTakesAppendsRightAfterItsRecords() throws IOException {
    // A checkpoint names its segment after the last sequence number handed out, which commits
    // still queued then are logged below; a second checkpoint before any new commit starts the
    // same segment again. Appends after its zeros would be lost to the next recovery.
    WriteAheadLog log = WriteAheadLog.recover(dir, r -> {});
    log.startSegment(10);
    append(log, 7, 3);
    log.startSegment(10);
    append(log, 10, 3);
    assertEquals(1, segments().size());
    assertEquals(range(7, 12), recoveredSeqs());
  }

  @Test
  void aSegmentThatCannotStartLeavesTheLogUnusableNotHalfSwitched() throws IOException {
    WriteAheadLog log = WriteAheadLog.recover(dir, r -> {});
    log.startSegment(1);
    append(log, 1, 3);
    Path blocker = dir.resolve(String.format("%020d.wal", 4));
    Files.createDirectory(blocker); // the new segment's file cannot be made
    assertThrows(KvException.class, () -> log.startSegment(4));
    KvException refused = assertThrows(KvException.class, () -> append(log, 4, 1));
    assertTrue(refused.getMessage().contains("unusable"), refused.getMessage());
    log.close(); // closes nothing more, writes nothing
    Files.delete(blocker);
    assertEquals(range(1, 3), recoveredSeqs());
  }

  @Test
  void recoveryCutsAZeroTailOffASegmentBeforeTheLast() throws IOException {
    WriteAheadLog log = WriteAheadLog.recover(dir, r -> {});
    log.startSegment(1);
    long first = append(log, 1, 5);
    log.startSegment(6);
    append(log, 6, 2);
    Path older = segments().get(0);
    try (FileChannel c = FileChannel.open(older, StandardOpenOption.WRITE)) {
      c.write(ByteBuffer.allocate(8192), first); // as a crash before its cut reached the disk
    }
    assertEquals(range(1, 7), recoveredSeqs());
    assertEquals(first, Files.size(older));
  }

  @Test
  void aSegmentBeforeTheLastWithGarbageAfterItsRecordsIsRefused() throws IOException {
    WriteAheadLog log = WriteAheadLog.recover(dir, r -> {});
    log.startSegment(1);
    long first = append(log, 1, 10);
    log.startSegment(11);
    append(log, 11, 5);
    try (FileChannel c = FileChannel.open(segments().get(0), StandardOpenOption.WRITE)) {
      c.write(ByteBuffer.wrap(new byte[] {1, 2, 3}), first + 100);
    }
    KvException e = assertThrows(KvException.class, this::recoveredSeqs);
    assertTrue(e.getMessage().contains("damaged"), e.getMessage());
  }

  @Test
  void anEmptiedLastSegmentIsAppendedToFromItsStart() throws IOException {
    WriteAheadLog log = WriteAheadLog.recover(dir, r -> {});
    log.startSegment(1);
    long bytes = append(log, 1, 1);
    Path segment = segments().get(0);
    // The record never reached the disk: its bytes read as zeros, like the preallocation.
    try (FileChannel c = FileChannel.open(segment, StandardOpenOption.WRITE)) {
      c.write(ByteBuffer.allocate((int) bytes), 0);
    }
    assertEquals(List.of(), recoveredSeqs());
    assertEquals(0, Files.size(segment));

    // Reopened, the store starts the same segment again (named by the same first sequence): its
    // records must go at its start, not after a preallocated tail that a reader stops at.
    WriteAheadLog again = WriteAheadLog.recover(dir, r -> {});
    again.startSegment(1);
    append(again, 1, 3);
    assertEquals(range(1, 3), recoveredSeqs());
  }

  @Test
  void aClosedLogHoldsRecordsOnly() throws IOException {
    WriteAheadLog log = WriteAheadLog.recover(dir, r -> {});
    log.startSegment(1);
    long bytes = append(log, 1, 20);
    log.close();
    assertEquals(bytes, Files.size(segments().get(0)));
    assertEquals(range(1, 20), recoveredSeqs());
  }
}
