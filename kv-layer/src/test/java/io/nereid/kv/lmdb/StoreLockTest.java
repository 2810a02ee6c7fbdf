package io.nereid.kv.lmdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.kv.KvException;
import io.nereid.kv.KvStore;
import io.nereid.kv.KvStoreConfig;
import io.nereid.kv.WriteTxn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store is open in one place at a time; closing it (or the process dying) frees it. */
class StoreLockTest {

  @TempDir Path tmp;

  @Test
  void aStoreAlreadyOpenIsRefusedUntilClosed() {
    KvStoreConfig config = KvStoreConfig.of("data").withPartitions(2);
    byte[] k = "k".getBytes(StandardCharsets.UTF_8);
    try (KvStore store = KvStore.open(tmp, config)) {
      try (WriteTxn txn = store.beginWrite()) {
        txn.put(1, store.keySpace("data"), k, k);
        txn.commit();
      }
      KvException refused = assertThrows(KvException.class, () -> KvStore.open(tmp, config));
      assertTrue(refused.getMessage().contains("already open"), refused.getMessage());
      // the refused open changed nothing: the first handle still works
      try (var s = store.snapshot()) {
        assertEquals("k", new String(s.get(1, store.keySpace("data"), k), StandardCharsets.UTF_8));
      }
    }
    try (KvStore again = KvStore.open(tmp, config);
        var s = again.snapshot()) {
      assertEquals("k", new String(s.get(1, again.keySpace("data"), k), StandardCharsets.UTF_8));
    }
  }
}
