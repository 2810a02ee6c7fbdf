package io.nereid.kv.lmdb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The entries of a bulk batch, off the Java heap and grouped by partition: each partition's entries
 * in the caller's order, each encoded exactly as a mutation of a log record ({@link WalCodec}), in
 * chunks of direct memory. The partition writer hands keys and values to LMDB straight from these
 * chunks, and a batch that has to be logged in full is written from them to the log without
 * another copy. Not thread-safe; the memory is freed by {@link #close()} (by the garbage collector
 * if never closed).
 */
final class BulkEntries implements AutoCloseable {

  private static final int FIRST_CHUNK = 64 << 10;
  private static final int MAX_CHUNK = 8 << 20;
  /** kind:1 partition:2 space:1 keyLength:4, before the key. */
  static final int ENTRY_HEADER = 8;

  /** One partition's entries. */
  static final class Part {
    final int partition;
    private final List<ByteBuffer> chunks = new ArrayList<>();
    private final UnsafeBuffer current = new UnsafeBuffer(0, 0);
    private int position;
    private long bytes;
    private long count;

    Part(int partition) {
      this.partition = partition;
    }

    /** Encoded bytes of this partition's entries. */
    long bytes() {
      return bytes;
    }

    long count() {
      return count;
    }

    int chunkCount() {
      return chunks.size();
    }

    /** Address of chunk {@code i}. */
    long chunkAddress(int i) {
      return BufferUtil.address(chunks.get(i));
    }

    /** Bytes written to chunk {@code i}. */
    int chunkLength(int i) {
      ByteBuffer c = chunks.get(i);
      return c == chunks.get(chunks.size() - 1) ? position : c.limit();
    }

    /** A read-only view of the written part of chunk {@code i}, for the log. */
    ByteBuffer chunkView(int i) {
      return chunks.get(i).duplicate().position(0).limit(chunkLength(i));
    }

    private void reserve(int size) {
      if (!chunks.isEmpty() && current.capacity() - position >= size) {
        return;
      }
      if (!chunks.isEmpty()) {
        chunks.get(chunks.size() - 1).limit(position); // the written length of a full chunk
      }
      int previous = chunks.isEmpty() ? 0 : current.capacity();
      int capacity = Math.max(size, Math.min(MAX_CHUNK, Math.max(FIRST_CHUNK, previous * 2)));
      ByteBuffer chunk = ByteBuffer.allocateDirect(capacity);
      chunks.add(chunk);
      current.wrap(chunk);
      position = 0;
    }

    private void free() {
      for (ByteBuffer c : chunks) {
        BufferUtil.free(c);
      }
      chunks.clear();
      current.wrap(0, 0);
      position = 0;
    }
  }

  private final Part[] parts;
  private int touched;
  private long count;
  private long bytes;

  BulkEntries(int partitions) {
    this.parts = new Part[partitions];
  }

  void put(int partition, int space, byte[] key, byte[] value) {
    Part p = part(partition);
    int size = ENTRY_HEADER + key.length + 4 + value.length;
    p.reserve(size);
    UnsafeBuffer b = p.current;
    int at = header(b, p.position, Mutation.PUT, partition, space, key);
    b.putInt(at, value.length, ByteOrder.BIG_ENDIAN);
    b.putBytes(at + 4, value);
    added(p, size);
  }

  void add(int partition, int space, byte[] key, long delta) {
    Part p = part(partition);
    int size = ENTRY_HEADER + key.length + 8;
    p.reserve(size);
    UnsafeBuffer b = p.current;
    int at = header(b, p.position, Mutation.ADD, partition, space, key);
    b.putLong(at, delta, ByteOrder.BIG_ENDIAN);
    added(p, size);
  }

  private static int header(UnsafeBuffer b, int at, byte kind, int partition, int space, byte[] key) {
    b.putByte(at, kind);
    b.putShort(at + 1, (short) partition, ByteOrder.BIG_ENDIAN);
    b.putByte(at + 3, (byte) space);
    b.putInt(at + 4, key.length, ByteOrder.BIG_ENDIAN);
    b.putBytes(at + ENTRY_HEADER, key);
    return at + ENTRY_HEADER + key.length;
  }

  private void added(Part p, int size) {
    p.position += size;
    p.bytes += size;
    p.count++;
    bytes += size;
    count++;
  }

  private Part part(int partition) {
    Part p = parts[partition];
    if (p == null) {
      p = parts[partition] = new Part(partition);
      touched++;
    }
    return p;
  }

  /** Entries in all partitions. */
  long count() {
    return count;
  }

  /** Encoded bytes of all entries: their size in a log record. */
  long bytes() {
    return bytes;
  }

  /** How many partitions the batch writes. */
  int partitionsTouched() {
    return touched;
  }

  /** The touched partitions' entries, by ascending partition. */
  List<Part> parts() {
    List<Part> list = new ArrayList<>(touched);
    for (Part p : parts) {
      if (p != null) {
        list.add(p);
      }
    }
    return list;
  }

  /** Frees the direct memory. */
  @Override
  public void close() {
    for (Part p : parts) {
      if (p != null) {
        p.free();
      }
    }
  }
}
