package io.nereid.kv.lmdb;

import java.nio.ByteBuffer;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Off-heap buffers for keys and values handed to LMDB. lmdbjava's Agrona proxy passes the buffer's
 * address to LMDB, so heap arrays must be copied off-heap first; each thread reuses its own scratch
 * memory for that.
 */
final class DirectBuffers {

  private static final ThreadLocal<Scratch> KEY = ThreadLocal.withInitial(() -> new Scratch(512));
  private static final ThreadLocal<Scratch> VALUE = ThreadLocal.withInitial(() -> new Scratch(4096));

  private DirectBuffers() {}

  /** A view of {@code key} in this thread's key scratch memory, valid until the next call. */
  static DirectBuffer wrap(byte[] key) {
    return KEY.get().load(key);
  }

  /** A second scratch area, for the value of a put while the key is in {@link #wrap}. */
  static DirectBuffer wrapValue(byte[] value) {
    return VALUE.get().load(value);
  }

  static byte[] toArray(DirectBuffer b) {
    byte[] out = new byte[b.capacity()];
    b.getBytes(0, out);
    return out;
  }

  private static final class Scratch {
    private UnsafeBuffer whole;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);

    Scratch(int capacity) {
      whole = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity));
    }

    DirectBuffer load(byte[] bytes) {
      if (bytes.length > whole.capacity()) {
        whole = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.max(bytes.length, whole.capacity() * 2)));
      }
      whole.putBytes(0, bytes);
      view.wrap(whole.addressOffset(), bytes.length);
      return view;
    }
  }
}
