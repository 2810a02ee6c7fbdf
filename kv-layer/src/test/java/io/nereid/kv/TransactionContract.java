package io.nereid.kv;

import static io.nereid.kv.KvTestSupport.drain;
import static io.nereid.kv.KvTestSupport.longBytes;
import static io.nereid.kv.KvTestSupport.str;
import static io.nereid.kv.KvTestSupport.toLong;
import static io.nereid.kv.KvTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Write transactions: reading their own writes merged over their snapshot, snapshot isolation,
 * rollback, commit sequence numbers, counters and write-write conflicts.
 */
interface TransactionContract extends KvStoreFixture {

  /** "key=value" strings of a scan, in scan order. */
  private List<String> scanPairs(KvReader r, int partition, KeyRange range) {
    List<String> out = new ArrayList<>();
    for (KvEntry e : drain(r.scan(partition, data(), range))) {
      out.add(str(e.key()) + "=" + str(e.value()));
    }
    return out;
  }

  private static List<String> reversed(List<String> l) {
    List<String> r = new ArrayList<>(l);
    Collections.reverse(r);
    return r;
  }

  @Test
  default void writeTxnReadsItsOwnWritesMergedOverItsSnapshot() {
    try (WriteTxn txn = store().beginWrite()) {
      for (String k : List.of("a", "c", "e", "g", "i")) {
        txn.put(3, data(), utf8(k), utf8("1"));
      }
      txn.commit();
    }
    List<String> all = List.of("0=2", "a=1", "b=2", "e=2", "g=3", "h=2", "i=1", "z=2");
    try (WriteTxn txn = store().beginWrite()) {
      txn.delete(3, data(), utf8("c")); // hides a snapshot key
      txn.put(3, data(), utf8("e"), utf8("2")); // overwrites a snapshot key
      txn.put(3, data(), utf8("z"), utf8("2")); // buffer only, after the last snapshot key
      txn.put(3, data(), utf8("b"), utf8("2")); // buffer only, between snapshot keys
      txn.put(3, data(), utf8("h"), utf8("2"));
      txn.put(3, data(), utf8("0"), utf8("2")); // buffer only, before the first snapshot key
      txn.delete(3, data(), utf8("g"));
      txn.put(3, data(), utf8("g"), utf8("3")); // deleted, then put again
      txn.put(3, data(), utf8("x"), utf8("2"));
      txn.delete(3, data(), utf8("x")); // put, then deleted: never visible
      txn.delete(3, data(), utf8("q")); // deletes nothing

      assertNull(txn.get(3, data(), utf8("c")));
      assertEquals("2", str(txn.get(3, data(), utf8("e"))));
      assertEquals("2", str(txn.get(3, data(), utf8("b"))));
      assertEquals("3", str(txn.get(3, data(), utf8("g"))));
      assertEquals("1", str(txn.get(3, data(), utf8("a"))));
      assertNull(txn.get(3, data(), utf8("x")));
      assertFalse(txn.contains(3, data(), utf8("q")));

      assertEquals(all, scanPairs(txn, 3, KeyRange.all()));
      assertEquals(reversed(all), scanPairs(txn, 3, KeyRange.all().reversed()));
      KeyRange bToH = KeyRange.closedOpen(utf8("b"), utf8("h"));
      assertEquals(List.of("b=2", "e=2", "g=3"), scanPairs(txn, 3, bToH));
      assertEquals(List.of("g=3", "e=2", "b=2"), scanPairs(txn, 3, bToH.reversed()));
      KeyRange fromC = KeyRange.atLeast(utf8("c")); // starts at a hidden key
      assertEquals(List.of("e=2", "g=3", "h=2", "i=1", "z=2"), scanPairs(txn, 3, fromC));
      KeyRange belowC = KeyRange.lessThan(utf8("c")).reversed();
      assertEquals(List.of("b=2", "a=1", "0=2"), scanPairs(txn, 3, belowC));
      KeyRange toX = KeyRange.closedOpen(utf8("i"), utf8("x")).reversed();
      assertEquals(List.of("i=1"), scanPairs(txn, 3, toX));

      try (Snapshot other = store().snapshot()) {
        assertEquals(
            List.of("a=1", "c=1", "e=1", "g=1", "i=1"),
            scanPairs(other, 3, KeyRange.all()),
            "another reader saw uncommitted writes");
      }
      txn.commit();
    }
    try (Snapshot s = store().snapshot()) {
      assertEquals(all, scanPairs(s, 3, KeyRange.all()), "committed state differs from txn view");
    }
  }

  /** Random puts and deletes over random committed keys, checked against a TreeMap model. */
  @Test
  default void writeTxnMergedViewMatchesAModel() {
    Random rnd = new Random(42);
    TreeMap<byte[], byte[]> model = new TreeMap<>(ByteKeys.ORDER);
    for (int round = 0; round < 15; round++) {
      try (WriteTxn txn = store().beginWrite()) {
        int ops = 1 + rnd.nextInt(40);
        for (int i = 0; i < ops; i++) {
          byte[] key = randomKey(rnd);
          if (rnd.nextInt(3) == 0) {
            txn.delete(7, data(), key);
            model.remove(key);
          } else {
            byte[] value = utf8("r" + round + "i" + i);
            txn.put(7, data(), key, value);
            model.put(key, value);
          }
        }
        for (int q = 0; q < 30; q++) {
          byte[] a = rnd.nextInt(5) == 0 ? null : randomKey(rnd);
          byte[] b = rnd.nextInt(5) == 0 ? null : randomKey(rnd);
          KeyRange range = KeyRange.closedOpen(a, b);
          assertRangeMatchesModel(txn, model, range);
          assertRangeMatchesModel(txn, model, range.reversed());
          byte[] k = randomKey(rnd);
          assertArrayEquals(model.get(k), txn.get(7, data(), k), "get " + ByteKeys.toHex(k));
        }
        txn.commit();
      }
      try (Snapshot s = store().snapshot()) {
        assertRangeMatchesModel(s, model, KeyRange.all());
      }
    }
  }

  private static byte[] randomKey(Random rnd) {
    byte[] alphabet = {0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF};
    byte[] k = new byte[1 + rnd.nextInt(3)];
    for (int i = 0; i < k.length; i++) {
      k[i] = alphabet[rnd.nextInt(alphabet.length)];
    }
    return k;
  }

  private void assertRangeMatchesModel(KvReader r, TreeMap<byte[], byte[]> model, KeyRange range) {
    List<String> want = new ArrayList<>();
    for (Map.Entry<byte[], byte[]> e : model.entrySet()) {
      if (range.contains(e.getKey())) {
        want.add(ByteKeys.toHex(e.getKey()) + "=" + str(e.getValue()));
      }
    }
    if (range.isReverse()) {
      want = reversed(want);
    }
    List<String> got = new ArrayList<>();
    for (KvEntry e : drain(r.scan(7, data(), range))) {
      got.add(ByteKeys.toHex(e.key()) + "=" + str(e.value()));
    }
    assertEquals(want, got, range.toString());
  }

  @Test
  default void snapshotDoesNotSeeLaterCommits() {
    try (WriteTxn txn = store().beginWrite()) {
      txn.put(1, data(), utf8("kept"), utf8("old"));
      txn.put(1, data(), utf8("deleted"), utf8("old"));
      txn.commit();
    }
    try (Snapshot before = store().snapshot()) {
      try (WriteTxn txn = store().beginWrite()) {
        txn.put(1, data(), utf8("kept"), utf8("new"));
        txn.delete(1, data(), utf8("deleted"));
        txn.put(1, data(), utf8("added"), utf8("new"));
        txn.put(6, data(), utf8("elsewhere"), utf8("new"));
        txn.commit();
      }
      assertEquals("old", str(before.get(1, data(), utf8("kept"))));
      assertEquals("old", str(before.get(1, data(), utf8("deleted"))));
      assertNull(before.get(1, data(), utf8("added")));
      assertNull(before.get(6, data(), utf8("elsewhere")));
      assertEquals(List.of("deleted=old", "kept=old"), scanPairs(before, 1, KeyRange.all()));
      assertTrue(before.readSeq() < store().lastCommitSeq());
      try (Snapshot after = store().snapshot()) {
        assertEquals(List.of("added=new", "kept=new"), scanPairs(after, 1, KeyRange.all()));
      }
    }
  }

  @Test
  default void writeTxnReadsAtTheSnapshotOfItsFirstRead() {
    try (WriteTxn txn = store().beginWrite()) {
      putCommitted(0, data(), utf8("before-first-read"), utf8("v"));
      // The snapshot opens at the first read: a commit made before it is visible...
      assertEquals("v", str(txn.get(0, data(), utf8("before-first-read"))));
      putCommitted(0, data(), utf8("later"), utf8("v"));
      // ...and one made after it is not, however the transaction reads.
      assertNull(txn.get(0, data(), utf8("later")), "the txn read a commit made after its snapshot");
      assertEquals(List.of("before-first-read=v"), scanPairs(txn, 0, KeyRange.all()));
      txn.put(0, data(), utf8("mine"), utf8("v"));
      txn.commit(); // no conflict: it wrote neither key
    }
    try (Snapshot s = store().snapshot()) {
      assertEquals(List.of("before-first-read=v", "later=v", "mine=v"), scanPairs(s, 0, KeyRange.all()));
    }
  }

  @Test
  default void aTransactionThatReadsFirstDoesNotConflictWithWhatItRead() {
    putCommitted(0, data(), utf8("k"), utf8("1"));
    try (WriteTxn txn = store().beginWrite()) {
      putCommitted(0, data(), utf8("k"), utf8("2")); // committed after begin, before the first read
      assertEquals("2", str(txn.get(0, data(), utf8("k"))));
      txn.put(0, data(), utf8("k"), utf8("3"));
      txn.commit(); // it read "2" and overwrote it: no update was lost, so no conflict
    }
    assertEquals("3", str(getCommitted(0, data(), utf8("k"))));
  }

  @Test
  default void rollbackAndCloseWithoutCommitDiscardWrites() {
    try (WriteTxn txn = store().beginWrite()) {
      txn.put(2, data(), utf8("rolled-back"), utf8("v"));
      txn.add(2, counters(), utf8("c"), 5);
      txn.rollback();
    }
    try (WriteTxn txn = store().beginWrite()) {
      txn.put(2, data(), utf8("closed"), utf8("v"));
      assertTrue(txn.isOpen());
      txn.close();
      assertFalse(txn.isOpen());
    }
    try (Snapshot s = store().snapshot()) {
      assertNull(s.get(2, data(), utf8("rolled-back")));
      assertNull(s.get(2, counters(), utf8("c")));
      assertNull(s.get(2, data(), utf8("closed")));
    }
    putCommitted(2, data(), utf8("after"), utf8("v")); // the store is still usable
    assertEquals("v", str(getCommitted(2, data(), utf8("after"))));
  }

  @Test
  default void commitSequenceNumbersIncrease() {
    long commitsBefore = store().stats().commits();
    long first = putCommitted(0, data(), utf8("a"), utf8("1"));
    assertEquals(first, store().lastCommitSeq());
    WriteTxn txn = store().beginWrite();
    txn.put(4, data(), utf8("b"), utf8("2"));
    assertTrue(txn.isOpen());
    long second = txn.commit();
    assertFalse(txn.isOpen(), "a committed txn is no longer open");
    txn.close();
    assertTrue(second > first, second + " after " + first);
    assertEquals(second, store().lastCommitSeq());
    try (Snapshot s = store().snapshot()) {
      assertEquals(second, s.readSeq());
    }
    assertEquals(commitsBefore + 2, store().stats().commits());
  }

  @Test
  default void countersStartAtZeroAndVanishAtZero() {
    byte[] c = utf8("counter");
    addCommitted(c, 5);
    assertArrayEquals(longBytes(5), getCommitted(0, counters(), c), "signed 8-byte big-endian");
    addCommitted(c, -7);
    assertArrayEquals(longBytes(-2), getCommitted(0, counters(), c));
    addCommitted(c, 2);
    assertNull(getCommitted(0, counters(), c), "a counter that reaches 0 is removed");
    try (Snapshot s = store().snapshot()) {
      assertEquals(0, drain(s.scan(0, counters(), KeyRange.all())).size());
    }
  }

  private void addCommitted(byte[] key, long delta) {
    try (WriteTxn txn = store().beginWrite()) {
      txn.add(0, counters(), key, delta);
      txn.commit();
    }
  }

  @Test
  default void countersAreVisibleToTheirOwnTxn() {
    byte[] c = utf8("c");
    byte[] d = utf8("d");
    addCommitted(c, 10);
    try (WriteTxn txn = store().beginWrite()) {
      txn.add(0, counters(), c, 5);
      assertEquals(15, toLong(txn.get(0, counters(), c)));
      txn.add(0, counters(), c, -15);
      assertNull(txn.get(0, counters(), c), "reached 0 within the txn");
      txn.add(0, counters(), c, 1);
      assertEquals(1, toLong(txn.get(0, counters(), c)));

      txn.put(0, counters(), d, longBytes(40)); // add over a put of the same txn
      txn.add(0, counters(), d, 2);
      assertEquals(42, toLong(txn.get(0, counters(), d)));

      List<KvEntry> scanned = drain(txn.scan(0, counters(), KeyRange.all()));
      assertEquals(2, scanned.size());
      assertEquals(1, toLong(scanned.get(0).value()));
      assertEquals(42, toLong(scanned.get(1).value()));
      txn.commit();
    }
    assertEquals(1, toLong(getCommitted(0, counters(), c)));
    assertEquals(42, toLong(getCommitted(0, counters(), d)));

    try (WriteTxn txn = store().beginWrite()) {
      txn.delete(0, counters(), d);
      txn.add(0, counters(), d, 3); // a delete then an add starts from 0
      assertEquals(3, toLong(txn.get(0, counters(), d)));
      txn.commit();
    }
    assertEquals(3, toLong(getCommitted(0, counters(), d)));
  }

  @Test
  default void concurrentAddsToOneCounterDoNotConflict() {
    byte[] c = utf8("shared");
    addCommitted(c, 100);
    try (WriteTxn a = store().beginWrite();
        WriteTxn b = store().beginWrite()) {
      a.add(0, counters(), c, 5);
      b.add(0, counters(), c, 7);
      a.commit();
      b.commit(); // additions commute: no WriteConflictException
    }
    assertEquals(112, toLong(getCommitted(0, counters(), c)));
  }

  @Test
  default void writeWriteConflictFailsTheLaterCommitEntirely() {
    putCommitted(1, data(), utf8("k"), utf8("v0"));
    long conflictsBefore = store().stats().conflicts();
    try (WriteTxn a = store().beginWrite();
        WriteTxn b = store().beginWrite()) {
      a.put(1, data(), utf8("k"), utf8("a"));
      b.put(1, data(), utf8("k"), utf8("b"));
      b.put(5, data(), utf8("b-only"), utf8("b"));
      b.add(5, counters(), utf8("b-counter"), 1);
      long aSeq = a.commit();
      assertThrows(WriteConflictException.class, b::commit);
      assertEquals(aSeq, store().lastCommitSeq(), "the failed commit took a sequence number");
    }
    try (Snapshot s = store().snapshot()) {
      assertEquals("a", str(s.get(1, data(), utf8("k"))));
      assertNull(s.get(5, data(), utf8("b-only")), "part of the losing txn was written");
      assertNull(s.get(5, counters(), utf8("b-counter")), "part of the losing txn was written");
    }
    assertEquals(conflictsBefore + 1, store().stats().conflicts());
  }

  @Test
  default void deleteConflictsWithPutOfTheSameKey() {
    putCommitted(1, data(), utf8("k"), utf8("v0"));
    try (WriteTxn a = store().beginWrite();
        WriteTxn b = store().beginWrite()) {
      a.delete(1, data(), utf8("k"));
      b.put(1, data(), utf8("k"), utf8("b"));
      a.commit();
      assertThrows(WriteConflictException.class, b::commit);
    }
    assertNull(getCommitted(1, data(), utf8("k")));
  }

  @Test
  default void writesToDifferentKeysDoNotConflict() {
    byte[] k = utf8("k");
    try (WriteTxn a = store().beginWrite();
        WriteTxn b = store().beginWrite();
        WriteTxn c = store().beginWrite();
        WriteTxn d = store().beginWrite()) {
      a.put(1, data(), k, utf8("a"));
      b.put(1, data(), utf8("k2"), utf8("b")); // other key, same partition
      c.put(2, data(), k, utf8("c")); // same key bytes, other partition
      d.put(1, counters(), k, utf8("d")); // same key bytes, other key space
      d.get(1, data(), k); // reading a key another txn writes is no conflict
      a.commit();
      b.commit();
      c.commit();
      d.commit();
    }
    try (Snapshot s = store().snapshot()) {
      assertEquals("a", str(s.get(1, data(), k)));
      assertEquals("b", str(s.get(1, data(), utf8("k2"))));
      assertEquals("c", str(s.get(2, data(), k)));
      assertEquals("d", str(s.get(1, counters(), k)));
    }
  }

  @Test
  default void txnBegunAfterACommitDoesNotConflictWithIt() {
    try (WriteTxn older = store().beginWrite()) {
      putCommitted(1, data(), utf8("k"), utf8("first"));
      try (WriteTxn newer = store().beginWrite()) {
        newer.put(1, data(), utf8("k"), utf8("second"));
        newer.commit();
      }
      assertEquals("second", str(getCommitted(1, data(), utf8("k"))));
      older.put(1, data(), utf8("k"), utf8("older")); // began before both commits
      assertThrows(WriteConflictException.class, older::commit);
    }
    assertEquals("second", str(getCommitted(1, data(), utf8("k"))));
  }
}
