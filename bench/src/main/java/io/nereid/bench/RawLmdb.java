package io.nereid.bench;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.lmdbjava.BufferProxy;
import org.lmdbjava.ByteBufferProxy;
import org.lmdbjava.Cursor;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.DirectBufferProxy;
import org.lmdbjava.Env;
import org.lmdbjava.GetOp;
import org.lmdbjava.PutFlags;
import org.lmdbjava.Txn;

/**
 * The baseline: the workloads written directly against lmdbjava, as a careful user would. One
 * environment per data directory with default flags (so a commit is fsynced), one database opened
 * with {@code MDB_CREATE | MDB_UNSIGNEDKEY}, and reused direct buffers for keys and values. Reads
 * copy what the kv-layer API would hand back ({@code byte[]} values, and keys too when scanning)
 * unless asked not to. Two buffer flavours: {@link OfByteBuffer} (lmdbjava's default
 * {@code PROXY_OPTIMAL}, which needs the --add-opens flags on Java 17) and {@link OfAgrona} (the
 * {@code DirectBufferProxy} Nereid uses). Not thread-safe: one thread at a time.
 */
abstract class RawLmdb<T> implements AutoCloseable {

  static final String BYTE_BUFFER = "raw-bb";
  static final String AGRONA = "raw-agrona";

  private final Env<T> env;
  private final Dbi<T> dbi;

  private RawLmdb(BufferProxy<T> proxy, Path dir, long mapSize) {
    env = Env.create(proxy).setMapSize(mapSize).setMaxDbs(1).open(dir.toFile());
    dbi = env.openDbi("data", DbiFlags.MDB_CREATE, DbiFlags.MDB_UNSIGNEDKEY);
  }

  /** Opens (creating) an environment in the existing directory {@code dir}. */
  static RawLmdb<?> open(String flavour, Path dir, long mapSize) {
    return switch (flavour) {
      case BYTE_BUFFER -> new OfByteBuffer(dir, mapSize);
      case AGRONA -> new OfAgrona(dir, mapSize);
      default -> throw new IllegalArgumentException("unknown raw flavour " + flavour);
    };
  }

  /** The reused key buffer, now holding {@code b}. */
  abstract T key(byte[] b);

  /** The reused value buffer, now holding {@code b}. */
  abstract T value(byte[] b);

  /** A copy of the buffer's bytes. */
  abstract byte[] copy(T buf);

  abstract int size(T buf);

  /** The buffer's last byte, unsigned. */
  abstract int lastByte(T buf);

  /**
   * Appends the sorted entries with {@code MDB_APPEND} through one cursor in one write transaction,
   * commits (fsync) and forces the environment to disk. Returns the number of entries.
   */
  long bulkAppend(byte[][] keys, byte[][] values) {
    try (Txn<T> txn = env.txnWrite()) {
      try (Cursor<T> c = dbi.openCursor(txn)) {
        for (int i = 0; i < keys.length; i++) {
          c.put(key(keys[i]), value(values[i]), PutFlags.MDB_APPEND);
        }
      }
      txn.commit();
    }
    env.sync(true);
    return keys.length;
  }

  /** The data set's random gets in one read transaction. */
  long gets(Dataset d, boolean copy) {
    long sum = 0;
    byte[][] keys = d.keys;
    try (Txn<T> txn = env.txnRead()) {
      for (int id : d.getIds) {
        T v = dbi.get(txn, key(keys[id]));
        if (v == null) {
          throw new IllegalStateException("key of id " + id + " not found");
        }
        if (copy) {
          byte[] b = copy(v);
          sum += Dataset.getTerm(b.length, b[b.length - 1] & 0xFF);
        } else {
          sum += Dataset.getTerm(size(v), lastByte(v));
        }
      }
    }
    return sum;
  }

  /**
   * The data set's range scans in one read transaction, a cursor each (as an iterator of the kv API
   * holds one): seek to the start key, then step while the key is below the end key. Keys and
   * values are copied.
   */
  long scans(Dataset d) {
    long sum = 0;
    byte[][] keys = d.keys;
    try (Txn<T> txn = env.txnRead()) {
      for (int s : d.scanStarts) {
        byte[] end = keys[s + d.scanLength];
        try (Cursor<T> c = dbi.openCursor(txn)) {
          boolean found = c.get(key(keys[s]), GetOp.MDB_SET_RANGE);
          while (found) {
            byte[] k = copy(c.key());
            if (Arrays.compareUnsigned(k, end) >= 0) {
              break;
            }
            byte[] v = copy(c.val());
            sum += Dataset.entryTerm(k[k.length - 1] & 0xFF, v.length, v[v.length - 1] & 0xFF);
            found = c.next();
          }
        }
      }
    }
    return sum;
  }

  /** Every entry in key order, in one read transaction. */
  long fullScan(boolean copy) {
    long sum = 0;
    try (Txn<T> txn = env.txnRead();
        Cursor<T> c = dbi.openCursor(txn)) {
      for (boolean found = c.first(); found; found = c.next()) {
        if (copy) {
          byte[] k = copy(c.key());
          byte[] v = copy(c.val());
          sum += Dataset.entryTerm(k[k.length - 1] & 0xFF, v.length, v[v.length - 1] & 0xFF);
        } else {
          T v = c.val();
          sum += Dataset.entryTerm(lastByte(c.key()), size(v), lastByte(v));
        }
      }
    }
    return sum;
  }

  /** A write transaction with one put, committed (fsync per commit: default flags). */
  void commitOne(byte[] k, byte[] v) {
    try (Txn<T> txn = env.txnWrite()) {
      dbi.put(txn, key(k), value(v));
      txn.commit();
    }
  }

  @Override
  public void close() {
    dbi.close();
    env.close();
  }

  /** lmdbjava's default buffers: {@link ByteBufferProxy#PROXY_OPTIMAL}. */
  static final class OfByteBuffer extends RawLmdb<ByteBuffer> {
    private final ByteBuffer keyBuf = ByteBuffer.allocateDirect(511);
    private ByteBuffer valueBuf = ByteBuffer.allocateDirect(1024);

    OfByteBuffer(Path dir, long mapSize) {
      super(ByteBufferProxy.PROXY_OPTIMAL, dir, mapSize);
    }

    @Override
    ByteBuffer key(byte[] b) {
      keyBuf.clear();
      return keyBuf.put(b).flip();
    }

    @Override
    ByteBuffer value(byte[] b) {
      if (b.length > valueBuf.capacity()) {
        valueBuf = ByteBuffer.allocateDirect(b.length);
      }
      valueBuf.clear();
      return valueBuf.put(b).flip();
    }

    @Override
    byte[] copy(ByteBuffer buf) {
      byte[] b = new byte[buf.remaining()];
      buf.get(buf.position(), b);
      return b;
    }

    @Override
    int size(ByteBuffer buf) {
      return buf.remaining();
    }

    @Override
    int lastByte(ByteBuffer buf) {
      return buf.get(buf.limit() - 1) & 0xFF;
    }
  }

  /** Agrona buffers: {@link DirectBufferProxy#PROXY_DB}, as Nereid's kv-layer uses. */
  static final class OfAgrona extends RawLmdb<DirectBuffer> {
    private final ByteBuffer keyMem = ByteBuffer.allocateDirect(511);
    private final UnsafeBuffer keyBuf = new UnsafeBuffer(keyMem);
    private ByteBuffer valueMem = ByteBuffer.allocateDirect(1024);
    private final UnsafeBuffer valueBuf = new UnsafeBuffer(valueMem);

    OfAgrona(Path dir, long mapSize) {
      super(DirectBufferProxy.PROXY_DB, dir, mapSize);
    }

    @Override
    DirectBuffer key(byte[] b) {
      keyBuf.wrap(keyMem, 0, b.length);
      keyBuf.putBytes(0, b);
      return keyBuf;
    }

    @Override
    DirectBuffer value(byte[] b) {
      if (b.length > valueMem.capacity()) {
        valueMem = ByteBuffer.allocateDirect(b.length);
      }
      valueBuf.wrap(valueMem, 0, b.length);
      valueBuf.putBytes(0, b);
      return valueBuf;
    }

    @Override
    byte[] copy(DirectBuffer buf) {
      byte[] b = new byte[buf.capacity()];
      buf.getBytes(0, b);
      return b;
    }

    @Override
    int size(DirectBuffer buf) {
      return buf.capacity();
    }

    @Override
    int lastByte(DirectBuffer buf) {
      return buf.getByte(buf.capacity() - 1) & 0xFF;
    }
  }
}
