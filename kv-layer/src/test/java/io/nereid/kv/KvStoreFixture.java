package io.nereid.kv;

import java.nio.file.Path;

/**
 * What the contract interfaces ({@link ReadWriteContract}, {@link ScanContract}, ...) need from
 * the test class: a store opened freshly for each test in a temporary directory, and a way to
 * reopen it. Implemented by {@link AbstractKvStoreContractTest}.
 */
interface KvStoreFixture {

  /** Opens (creating if absent) a store of the implementation under test. */
  KvStore open(Path dir, KvStoreConfig config);

  /** The directory of {@link #store()}; it does not exist before the first open. */
  Path storeDir();

  /** A fresh temporary directory of the test, for stores other than {@link #store()}. */
  Path tempDir();

  /** The configuration {@link #store()} was opened with. */
  KvStoreConfig storeConfig();

  /** The open store of this test (opened with the default config before each test). */
  KvStore store();

  /** Closes the store and opens it again with the same configuration. */
  default KvStore reopen() {
    return reopen(storeConfig());
  }

  /** Closes the store and opens it again with {@code config}. */
  KvStore reopen(KvStoreConfig config);

  /** Closes the store; {@link #store()} must not be used until the next reopen. */
  void closeStore();

  default KeySpace data() {
    return store().keySpace("data");
  }

  default KeySpace counters() {
    return store().keySpace("counters");
  }

  /** Puts one entry in its own committed transaction. */
  default long putCommitted(int partition, KeySpace space, byte[] key, byte[] value) {
    try (WriteTxn txn = store().beginWrite()) {
      txn.put(partition, space, key, value);
      return txn.commit();
    }
  }

  /** Reads one value through a fresh snapshot. */
  default byte[] getCommitted(int partition, KeySpace space, byte[] key) {
    try (Snapshot s = store().snapshot()) {
      return s.get(partition, space, key);
    }
  }
}
