package io.nereid.kv;

import static io.nereid.kv.KvTestSupport.drain;
import static io.nereid.kv.KvTestSupport.str;
import static io.nereid.kv.KvTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Point reads and writes, persistence, partition and key-space independence, entry limits. */
interface ReadWriteContract extends KvStoreFixture {

  @Test
  default void putThenGetThenDelete() {
    KeySpace data = data();
    assertNull(getCommitted(0, data, utf8("k")), "a key never written reads as null");

    putCommitted(0, data, utf8("k"), utf8("v1"));
    try (Snapshot s = store().snapshot()) {
      assertEquals("v1", str(s.get(0, data, utf8("k"))));
      assertTrue(s.contains(0, data, utf8("k")));
    }

    putCommitted(0, data, utf8("k"), utf8("v2"));
    assertEquals("v2", str(getCommitted(0, data, utf8("k"))), "a put overwrites");

    try (WriteTxn txn = store().beginWrite()) {
      txn.delete(0, data, utf8("k"));
      txn.delete(0, data, utf8("never-written")); // deleting an absent key is allowed
      txn.commit();
    }
    try (Snapshot s = store().snapshot()) {
      assertNull(s.get(0, data, utf8("k")));
      assertFalse(s.contains(0, data, utf8("k")));
    }
  }

  @Test
  default void emptyValueIsStoredAndDistinctFromAbsent() {
    putCommitted(1, data(), utf8("empty"), new byte[0]);
    byte[] v = getCommitted(1, data(), utf8("empty"));
    assertArrayEquals(new byte[0], v, "an empty value reads back as an empty array, not null");
  }

  @Test
  default void reopenKeepsCommittedWritesAndDeletes() {
    try (WriteTxn txn = store().beginWrite()) {
      for (int p = 0; p < store().partitionCount(); p++) {
        txn.put(p, data(), utf8("key-" + p), utf8("value-" + p));
        txn.put(p, counters(), utf8("gone-" + p), utf8("x"));
      }
      txn.commit();
    }
    try (WriteTxn txn = store().beginWrite()) {
      for (int p = 0; p < store().partitionCount(); p++) {
        txn.delete(p, counters(), utf8("gone-" + p));
      }
      txn.commit();
    }

    reopen();

    try (Snapshot s = store().snapshot()) {
      for (int p = 0; p < store().partitionCount(); p++) {
        assertEquals("value-" + p, str(s.get(p, data(), utf8("key-" + p))), "partition " + p);
        assertNull(s.get(p, counters(), utf8("gone-" + p)), "deleted key back in partition " + p);
      }
    }
  }

  @Test
  default void sameKeyInDifferentPartitionsIsIndependent() {
    byte[] key = utf8("shared");
    try (WriteTxn txn = store().beginWrite()) {
      txn.put(0, data(), key, utf8("in-0"));
      txn.put(5, data(), key, utf8("in-5"));
      txn.commit();
    }
    try (Snapshot s = store().snapshot()) {
      assertEquals("in-0", str(s.get(0, data(), key)));
      assertEquals("in-5", str(s.get(5, data(), key)));
      assertNull(s.get(1, data(), key), "partition 1 was never written");
      assertEquals(1, drain(s.scan(0, data(), KeyRange.all())).size());
      assertEquals(0, drain(s.scan(1, data(), KeyRange.all())).size());
    }

    try (WriteTxn txn = store().beginWrite()) {
      txn.delete(0, data(), key);
      txn.commit();
    }
    try (Snapshot s = store().snapshot()) {
      assertNull(s.get(0, data(), key));
      assertEquals("in-5", str(s.get(5, data(), key)), "a delete in partition 0 reached 5");
    }
  }

  @Test
  default void sameKeyInDifferentKeySpacesIsIndependent() {
    byte[] key = utf8("shared");
    try (WriteTxn txn = store().beginWrite()) {
      txn.put(3, data(), key, utf8("data"));
      txn.put(3, counters(), key, utf8("counters"));
      txn.commit();
    }
    try (WriteTxn txn = store().beginWrite()) {
      txn.delete(3, counters(), key);
      txn.commit();
    }
    try (Snapshot s = store().snapshot()) {
      assertEquals("data", str(s.get(3, data(), key)));
      assertNull(s.get(3, counters(), key));
    }
  }

  @Test
  default void describesItsConfiguration() {
    assertEquals(8, store().partitionCount());
    assertEquals(storeDir(), store().directory());
    assertEquals(
        List.of(new KeySpace("data", 0), new KeySpace("counters", 1)), store().keySpaces());
    assertEquals(new KeySpace("counters", 1), store().keySpace("counters"));
    assertEquals(storeConfig(), store().config());
  }

  @Test
  default void unknownKeySpaceNameIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> store().keySpace("no-such-space"));
  }

  @Test
  default void keyOfMaximumLengthIsAccepted() {
    byte[] key = new byte[KvStoreConfig.MAX_KEY_BYTES];
    Arrays.fill(key, (byte) 0xAB);
    putCommitted(2, data(), key, utf8("v"));
    assertEquals("v", str(getCommitted(2, data(), key)));
  }

  @Test
  default void keyOf512BytesIsTooLargeAndNothingIsWritten() {
    byte[] key = new byte[KvStoreConfig.MAX_KEY_BYTES + 1];
    Arrays.fill(key, (byte) 'k');
    try (WriteTxn txn = store().beginWrite()) {
      txn.put(2, data(), utf8("before"), utf8("v"));
      assertThrows(EntryTooLargeException.class, () -> txn.put(2, data(), key, utf8("v")));
      assertEquals(1, txn.size(), "the rejected put must not be buffered");
      txn.commit();
    }
    assertOnlyKeys(2, "before");
  }

  @Test
  default void valueOverTheMaximumIsTooLargeAndNothingIsWritten() {
    byte[] value = new byte[KvStoreConfig.MAX_VALUE_BYTES + 1];
    try (WriteTxn txn = store().beginWrite()) {
      txn.put(4, data(), utf8("before"), utf8("v"));
      assertThrows(EntryTooLargeException.class, () -> txn.put(4, data(), utf8("big"), value));
      assertEquals(1, txn.size(), "the rejected put must not be buffered");
      txn.commit();
    }
    assertOnlyKeys(4, "before");
  }

  @Test
  default void emptyKeyIsRejected() {
    try (WriteTxn txn = store().beginWrite()) {
      RuntimeException e =
          assertThrows(RuntimeException.class, () -> txn.put(0, data(), new byte[0], utf8("v")));
      if (!(e instanceof IllegalArgumentException || e instanceof EntryTooLargeException)) {
        fail("expected IllegalArgumentException or EntryTooLargeException, got " + e, e);
      }
      assertEquals(0, txn.size());
      txn.put(0, data(), utf8("ok"), utf8("v"));
      txn.commit();
    }
    assertOnlyKeys(0, "ok");
  }

  @Test
  default void returnedArraysBelongToTheCaller() {
    putCommitted(6, data(), utf8("k"), utf8("value"));
    try (Snapshot s = store().snapshot()) {
      byte[] v = s.get(6, data(), utf8("k"));
      Arrays.fill(v, (byte) 0);
      assertEquals("value", str(s.get(6, data(), utf8("k"))), "snapshot get shares its array");
      KvEntry e = drain(s.scan(6, data(), KeyRange.all())).get(0);
      Arrays.fill(e.key(), (byte) 0);
      Arrays.fill(e.value(), (byte) 0);
      KvEntry again = drain(s.scan(6, data(), KeyRange.all())).get(0);
      assertEquals("k", str(again.key()), "scan shares its key array");
      assertEquals("value", str(again.value()), "scan shares its value array");
    }
    try (WriteTxn txn = store().beginWrite()) {
      txn.put(6, data(), utf8("buffered"), utf8("mine"));
      Arrays.fill(txn.get(6, data(), utf8("buffered")), (byte) 0);
      assertEquals("mine", str(txn.get(6, data(), utf8("buffered"))), "txn get shares its buffer");
      KvEntry e = drain(txn.scan(6, data(), KeyRange.prefix(utf8("buf")))).get(0);
      Arrays.fill(e.value(), (byte) 0);
      txn.commit();
    }
    assertEquals("mine", str(getCommitted(6, data(), utf8("buffered"))));
  }

  private void assertOnlyKeys(int partition, String... keys) {
    try (Snapshot s = store().snapshot()) {
      List<String> found =
          drain(s.scan(partition, data(), KeyRange.all())).stream()
              .map(e -> str(e.key()))
              .toList();
      assertEquals(List.of(keys), found, "keys of partition " + partition);
    }
  }
}
