package io.nereid.kv.lmdb;

import io.nereid.kv.KvStore;
import io.nereid.kv.KvStoreConfig;
import java.nio.file.Path;

/** Placeholder while the implementation is written. */
public final class LmdbKvStore {
  public static KvStore open(Path dir, KvStoreConfig config) {
    throw new UnsupportedOperationException("not yet");
  }
}
