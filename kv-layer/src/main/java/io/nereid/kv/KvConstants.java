package io.nereid.kv;

/** Limits on keys and values, checked when a write is buffered so nothing half-written results. */
public final class KvConstants {

  private KvConstants() {}

  /** Throws if {@code key} is empty or longer than LMDB's maximum key size. */
  public static void checkKey(byte[] key) {
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("keys must not be empty");
    }
    if (key.length > KvStoreConfig.MAX_KEY_BYTES) {
      throw new EntryTooLargeException(
          "key of "
              + key.length
              + " bytes exceeds the limit of "
              + KvStoreConfig.MAX_KEY_BYTES
              + " bytes (key starts "
              + ByteKeys.toHex(java.util.Arrays.copyOf(key, 16))
              + ")");
    }
  }

  /** Throws if {@code value} is null or larger than the store accepts. */
  public static void checkValue(byte[] value, byte[] key) {
    if (value == null) {
      throw new IllegalArgumentException("values must not be null; use delete");
    }
    if (value.length > KvStoreConfig.MAX_VALUE_BYTES) {
      throw new EntryTooLargeException(
          "value of "
              + value.length
              + " bytes exceeds the limit of "
              + KvStoreConfig.MAX_VALUE_BYTES
              + " bytes (key "
              + ByteKeys.toHex(java.util.Arrays.copyOf(key, Math.min(key.length, 16)))
              + ")");
    }
  }
}
