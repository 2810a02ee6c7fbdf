package io.nereid.kv;

import java.nio.file.Path;

/** Runs the {@link KvStore} contract against the LMDB implementation. */
class LmdbKvStoreContractTest extends AbstractKvStoreContractTest {
  @Override
  public KvStore open(Path dir, KvStoreConfig config) {
    return KvStore.open(dir, config);
  }
}
