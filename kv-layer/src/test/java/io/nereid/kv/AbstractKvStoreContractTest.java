package io.nereid.kv;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every {@link KvStore} implementation must pass. A subclass supplies the factory;
 * the tests themselves live in the contract interfaces, grouped by topic:
 *
 * <ul>
 *   <li>{@link ReadWriteContract}: put/get/delete, persistence, partitions and key spaces, limits
 *   <li>{@link ScanContract}: range scans in unsigned byte order, both ways, cursor accounting
 *   <li>{@link TransactionContract}: read-your-writes, snapshot isolation, rollback, counters,
 *       write-write conflicts
 *   <li>{@link BulkBatchContract}: bulk loading
 *   <li>{@link DurabilityContract}: checkpoints, log bounds, map growth, async commits, formats
 * </ul>
 *
 * Each test gets a store with eight partitions and the key spaces "data" and "counters", created
 * in a fresh JUnit temporary directory.
 */
public abstract class AbstractKvStoreContractTest
    implements ReadWriteContract,
        ScanContract,
        TransactionContract,
        BulkBatchContract,
        DurabilityContract {

  static final KvStoreConfig DEFAULT_CONFIG = KvStoreConfig.of("data", "counters");

  @TempDir Path tempDir;

  private KvStore store;
  private KvStoreConfig storeConfig;

  /** Opens (creating if absent) the implementation's store in {@code dir}. */
  @Override
  public abstract KvStore open(Path dir, KvStoreConfig config);

  @BeforeEach
  void openStore() {
    storeConfig = DEFAULT_CONFIG;
    store = open(storeDir(), storeConfig);
  }

  @AfterEach
  void closeStoreAfterTest() {
    closeStore();
  }

  @Override
  public Path storeDir() {
    return tempDir.resolve("store");
  }

  @Override
  public Path tempDir() {
    return tempDir;
  }

  @Override
  public KvStoreConfig storeConfig() {
    return storeConfig;
  }

  @Override
  public KvStore store() {
    if (store == null) {
      throw new IllegalStateException("the store is closed");
    }
    return store;
  }

  @Override
  public KvStore reopen(KvStoreConfig config) {
    closeStore();
    store = open(storeDir(), config);
    storeConfig = config;
    return store;
  }

  @Override
  public void closeStore() {
    if (store != null) {
      KvStore s = store;
      store = null;
      s.close();
    }
  }
}
