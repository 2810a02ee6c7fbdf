package io.nereid.kv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Small helpers shared by the kv-layer tests: byte encodings and iterator draining. */
final class KvTestSupport {

  private KvTestSupport() {}

  /** A signed 8-byte big-endian value, the counter encoding of {@link WriteTxn#add}. */
  static byte[] longBytes(long v) {
    return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
  }

  static long toLong(byte[] b) {
    if (b == null || b.length != Long.BYTES) {
      throw new AssertionError(
          "expected an 8-byte value, got " + (b == null ? "null" : ByteKeys.toHex(b)));
    }
    return ByteBuffer.wrap(b).getLong();
  }

  /** Reads 8 bytes at {@code offset} as a big-endian long. */
  static long toLong(byte[] b, int offset) {
    return ByteBuffer.wrap(b, offset, Long.BYTES).getLong();
  }

  /** Bytes from int literals, so keys such as {@code bytes(0x7F, 0xFF)} read naturally. */
  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] > 0xFF) {
        throw new IllegalArgumentException("not a byte: " + values[i]);
      }
      b[i] = (byte) values[i];
    }
    return b;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String str(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  /** Drains and closes the iterator. */
  static List<KvEntry> drain(KvIterator it) {
    List<KvEntry> out = new ArrayList<>();
    try (it) {
      while (it.hasNext()) {
        out.add(it.next());
      }
    }
    return out;
  }

  /** The keys of a scan, in scan order, as hex strings (readable assertion failures). */
  static List<String> scanKeysHex(KvReader r, int partition, KeySpace space, KeyRange range) {
    List<String> keys = new ArrayList<>();
    for (KvEntry e : drain(r.scan(partition, space, range))) {
      keys.add(ByteKeys.toHex(e.key()));
    }
    return keys;
  }

  static List<String> hex(List<byte[]> keys) {
    List<String> out = new ArrayList<>(keys.size());
    for (byte[] k : keys) {
      out.add(ByteKeys.toHex(k));
    }
    return out;
  }

  /** Total size of the regular files under {@code dir}, recursively. */
  static long directorySize(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              p -> {
                try {
                  return Files.size(p);
                } catch (IOException e) {
                  return 0; // removed while walking (a log segment truncated by a checkpoint)
                }
              })
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
