package io.nereid.kv;

import static io.nereid.kv.KvTestSupport.bytes;
import static io.nereid.kv.KvTestSupport.drain;
import static io.nereid.kv.KvTestSupport.hex;
import static io.nereid.kv.KvTestSupport.scanKeysHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Range scans: unsigned byte order (0x80 sorts after 0x7F), half-open bounds, prefixes, both
 * directions, empty ranges, and the accounting of open cursors and snapshots.
 */
interface ScanContract extends KvStoreFixture {

  int SCAN_PARTITION = 2;

  /** The keys written by {@link #writeBoundaryKeys()}, in unsigned order. */
  List<byte[]> BOUNDARY_KEYS =
      List.of(
          bytes(0x01),
          bytes(0x01, 0x00),
          bytes(0x01, 0xFF),
          bytes(0x7F),
          bytes(0x7F, 0xFF),
          bytes(0x7F, 0xFF, 0x00),
          bytes(0x80),
          bytes(0x80, 0x00),
          bytes(0xFE, 0xFF),
          bytes(0xFF),
          bytes(0xFF, 0x00),
          bytes(0xFF, 0xFF),
          bytes(0xFF, 0xFF, 0x01));

  /** Writes {@link #BOUNDARY_KEYS} into {@link #SCAN_PARTITION}, shuffled; value = index. */
  private void writeBoundaryKeys() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < BOUNDARY_KEYS.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(7));
    try (WriteTxn txn = store().beginWrite()) {
      for (int i : order) {
        txn.put(SCAN_PARTITION, data(), BOUNDARY_KEYS.get(i), bytes(i));
      }
      txn.commit();
    }
  }

  /** Hex keys of BOUNDARY_KEYS[from..to), optionally reversed. */
  private static List<String> expected(int from, int to, boolean reverse) {
    List<String> keys = new ArrayList<>(hex(BOUNDARY_KEYS.subList(from, to)));
    if (reverse) {
      Collections.reverse(keys);
    }
    return keys;
  }

  /** Asserts the scan of {@code range} and of its reverse against BOUNDARY_KEYS[from..to). */
  private void assertScan(Snapshot s, KeyRange range, int from, int to) {
    assertEquals(
        expected(from, to, false), scanKeysHex(s, SCAN_PARTITION, data(), range), range.toString());
    KeyRange rev = range.reversed();
    assertEquals(
        expected(from, to, true), scanKeysHex(s, SCAN_PARTITION, data(), rev), rev.toString());
  }

  @Test
  default void scanAllIsUnsignedOrderBothWays() {
    writeBoundaryKeys();
    try (Snapshot s = store().snapshot()) {
      assertScan(s, KeyRange.all(), 0, BOUNDARY_KEYS.size());
      List<KvEntry> entries = drain(s.scan(SCAN_PARTITION, data(), KeyRange.all()));
      for (int i = 0; i < entries.size(); i++) {
        assertArrayEquals(bytes(i), entries.get(i).value(), "value of the entry at " + i);
      }
    }
  }

  @Test
  default void boundedRangesAcrossThe7F80Boundary() {
    writeBoundaryKeys();
    try (Snapshot s = store().snapshot()) {
      // [7F, 8000): 7F, 7FFF, 7FFF00, 80
      assertScan(s, KeyRange.closedOpen(bytes(0x7F), bytes(0x80, 0x00)), 3, 7);
      // [01FF, FF): from a multi-byte key to a single byte one
      assertScan(s, KeyRange.closedOpen(bytes(0x01, 0xFF), bytes(0xFF)), 2, 9);
      // bounds that are not keys: [7F00, 8001)
      assertScan(s, KeyRange.closedOpen(bytes(0x7F, 0x00), bytes(0x80, 0x01)), 4, 8);
      assertScan(s, KeyRange.atLeast(bytes(0x80)), 6, 13);
      assertScan(s, KeyRange.atLeast(bytes(0x7F, 0xFF, 0x00, 0x00)), 6, 13);
      assertScan(s, KeyRange.lessThan(bytes(0x80)), 0, 6);
      assertScan(s, KeyRange.lessThan(bytes(0xFF, 0xFF)), 0, 11);
      assertScan(s, KeyRange.closedOpen(null, bytes(0x02)), 0, 3);
      assertScan(s, KeyRange.closedOpen(bytes(0xFE), null), 8, 13);
    }
  }

  @Test
  default void prefixScansIncludingTrailingFFBytes() {
    writeBoundaryKeys();
    try (Snapshot s = store().snapshot()) {
      assertScan(s, KeyRange.prefix(bytes(0x7F)), 3, 6);
      assertScan(s, KeyRange.prefix(bytes(0x7F, 0xFF)), 4, 6); // end is 80, which is a key
      assertScan(s, KeyRange.prefix(bytes(0x01, 0xFF)), 2, 3);
      assertScan(s, KeyRange.prefix(bytes(0xFF)), 9, 13); // no end: unbounded above
      assertScan(s, KeyRange.prefix(bytes(0xFF, 0xFF)), 11, 13);
      assertScan(s, KeyRange.prefix(bytes(0x80)), 6, 8);
    }
  }

  /** An empty bound is below every key (keys are never empty), so it bounds nothing. */
  @Test
  default void emptyBoundsAreBelowEveryKey() {
    writeBoundaryKeys();
    try (Snapshot s = store().snapshot()) {
      assertScan(s, KeyRange.prefix(new byte[0]), 0, 13); // every key starts with ""
      assertScan(s, KeyRange.closedOpen(new byte[0], bytes(0x7F)), 0, 3);
      assertScan(s, KeyRange.lessThan(new byte[0]), 0, 0);
    }
  }

  @Test
  default void emptyRangesYieldNothingBothWays() {
    writeBoundaryKeys();
    try (Snapshot s = store().snapshot()) {
      assertScan(s, KeyRange.closedOpen(bytes(0x80), bytes(0x80)), 0, 0); // from == to, a key
      assertScan(s, KeyRange.closedOpen(bytes(0x80), bytes(0x7F)), 0, 0); // from > to
      assertScan(s, KeyRange.closedOpen(bytes(0x7F, 0xFF, 0x01), bytes(0x80)), 0, 0); // a gap
      assertScan(s, KeyRange.prefix(bytes(0x02)), 0, 0);
      assertScan(s, KeyRange.prefix(bytes(0xFF, 0xFF, 0xFF)), 0, 0);
      assertScan(s, KeyRange.atLeast(bytes(0xFF, 0xFF, 0x02)), 0, 0); // beyond the last key
      assertScan(s, KeyRange.lessThan(bytes(0x01)), 0, 0); // before the first key
      for (KeyRange r : List.of(KeyRange.all(), KeyRange.all().reversed())) {
        assertEquals(
            List.of(), scanKeysHex(s, SCAN_PARTITION + 1, data(), r), "untouched partition " + r);
        assertEquals(
            List.of(), scanKeysHex(s, SCAN_PARTITION, counters(), r), "untouched key space " + r);
      }
    }
    assertEquals(0, store().stats().openCursors(), "empty scans must release their cursors");
  }

  /** Every range built from keys and in-between bounds, checked against a sorted list. */
  @Test
  default void everyRangeMatchesASortedListModel() {
    writeBoundaryKeys();
    List<byte[]> bounds = new ArrayList<>(BOUNDARY_KEYS);
    bounds.addAll(
        List.of(
            bytes(0x00),
            bytes(0x01, 0x01),
            bytes(0x7E, 0xFF),
            bytes(0x7F, 0x00),
            bytes(0x7F, 0xFF, 0xFF),
            bytes(0x80, 0x00, 0x00),
            bytes(0xFF, 0xFF, 0xFF)));
    bounds.add(null);
    try (Snapshot s = store().snapshot()) {
      for (byte[] from : bounds) {
        for (byte[] to : bounds) {
          List<String> want = new ArrayList<>();
          for (byte[] k : BOUNDARY_KEYS) {
            if ((from == null || Arrays.compareUnsigned(k, from) >= 0)
                && (to == null || Arrays.compareUnsigned(k, to) < 0)) {
              want.add(ByteKeys.toHex(k));
            }
          }
          KeyRange range = KeyRange.closedOpen(from, to);
          assertEquals(want, scanKeysHex(s, SCAN_PARTITION, data(), range), range.toString());
          Collections.reverse(want);
          KeyRange reversed = range.reversed();
          assertEquals(
              want, scanKeysHex(s, SCAN_PARTITION, data(), reversed), reversed.toString());
        }
      }
    }
  }

  @Test
  default void exhaustedIteratorThrowsNoSuchElement() {
    writeBoundaryKeys();
    try (Snapshot s = store().snapshot();
        KvIterator it = s.scan(SCAN_PARTITION, data(), KeyRange.prefix(bytes(0x80)).reversed())) {
      assertTrue(it.hasNext());
      assertArrayEquals(bytes(0x80, 0x00), it.next().key());
      assertTrue(it.hasNext());
      assertTrue(it.hasNext(), "hasNext twice must not skip an entry");
      assertArrayEquals(bytes(0x80), it.next().key());
      assertFalse(it.hasNext());
      assertThrows(NoSuchElementException.class, it::next);
    }
  }

  @Test
  default void openCursorsCountIteratorsUntilExhaustedOrClosed() {
    writeBoundaryKeys();
    assertEquals(0, store().stats().openCursors());
    try (Snapshot s = store().snapshot()) {
      KvIterator a = s.scan(SCAN_PARTITION, data(), KeyRange.all());
      KvIterator b = s.scan(SCAN_PARTITION, data(), KeyRange.all().reversed());
      assertTrue(a.hasNext());
      assertTrue(b.hasNext());
      a.next();
      assertEquals(2, store().stats().openCursors(), "two iterators are open");

      a.close();
      a.close(); // closing twice is harmless
      assertEquals(1, store().stats().openCursors(), "after closing one of two");

      while (b.hasNext()) {
        b.next();
      }
      assertEquals(0, store().stats().openCursors(), "an exhausted iterator releases its cursor");
      b.close();
      assertEquals(0, store().stats().openCursors());

      try (KvIterator c = s.scan(SCAN_PARTITION, data(), KeyRange.prefix(bytes(0x7F)))) {
        assertTrue(c.hasNext());
        assertTrue(store().stats().openCursors() > 0, "an open iterator holds a cursor");
      }
      assertEquals(0, store().stats().openCursors());
    }
    try (WriteTxn txn = store().beginWrite()) {
      txn.put(SCAN_PARTITION, data(), bytes(0x7F, 0x01), bytes(1));
      try (KvIterator it = txn.scan(SCAN_PARTITION, data(), KeyRange.all())) {
        assertTrue(it.hasNext());
        it.next();
      }
      List<String> keys = scanKeysHex(txn, SCAN_PARTITION, data(), KeyRange.all().reversed());
      assertEquals(BOUNDARY_KEYS.size() + 1, keys.size());
    }
    assertEquals(0, store().stats().openCursors(), "write-txn scans must release their cursors");
  }

  @Test
  default void openSnapshotsCountsUnclosedSnapshots() {
    assertEquals(0, store().stats().openSnapshots());
    Snapshot a = store().snapshot();
    Snapshot b = store().snapshot();
    assertEquals(2, store().stats().openSnapshots());
    a.close();
    assertEquals(1, store().stats().openSnapshots());
    b.close();
    assertEquals(0, store().stats().openSnapshots());
    try (WriteTxn txn = store().beginWrite()) {
      txn.get(0, data(), bytes(1));
      assertTrue(txn.isOpen());
    }
    try (WriteTxn txn = store().beginWrite()) {
      txn.put(0, data(), bytes(1), bytes(1));
      txn.commit();
    }
    assertEquals(0, store().stats().openSnapshots(), "finished write txns must release theirs");
  }
}
