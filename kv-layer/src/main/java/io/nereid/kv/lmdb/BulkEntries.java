package io.nereid.kv.lmdb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.IntFunction;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * The entries of a bulk batch, off the Java heap and grouped by partition: each partition's entries
 * in the caller's order, each encoded exactly as a mutation of a log record ({@link WalCodec}), in
 * chunks of direct memory. The partition writer hands keys and values to LMDB straight from these
 * chunks, and a batch that has to be logged in full is written from them to the log without
 * another copy. Not thread-safe; the memory is freed by {@link #close()} (by the garbage collector
 * if never closed).
 *
 * <p>Fresh memory costs a page fault per page when first touched, as much CPU as the copying
 * itself. So once chunks are large, the next chunk of a partition is allocated (and its pages
 * touched) ahead of time on another thread, the partition's writer, which is idle while a loader
 * fills its batch; if it is not ready in time the loader allocates the chunk itself.
 *
 * <p>With a {@link BulkPrefill}, each full chunk is handed to the partition's writer, which fills
 * it into LMDB ahead of the commit; the writer is then busy, so the loader allocates its chunks
 * itself.
 */
final class BulkEntries implements AutoCloseable {

  private static final int FIRST_CHUNK = 64 << 10;
  /** Small enough that little is left to fill at commit when chunks are filled ahead. */
  private static final int MAX_CHUNK = 2 << 20;
  /** Chunks from this size on are allocated ahead. */
  private static final int PREFETCH_FROM = 1 << 20;
  /** kind:1 partition:2 space:1 keyLength:4, before the key. */
  static final int ENTRY_HEADER = 8;

  /** One partition's entries. */
  static final class Part {
    final int partition;
    private final Executor prefetcher;
    private final BulkPrefill prefill;
    private CompletableFuture<ByteBuffer> next;
    private final List<ByteBuffer> chunks = new ArrayList<>();
    private final UnsafeBuffer current = new UnsafeBuffer(0, 0);
    private int position;
    private long bytes;
    private long count;

    Part(int partition, Executor prefetcher, BulkPrefill prefill) {
      this.partition = partition;
      this.prefetcher = prefetcher;
      this.prefill = prefill;
    }

    /** The filling ahead of these entries, or null. */
    BulkPrefill prefill() {
      return prefill;
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
        ByteBuffer full = chunks.get(chunks.size() - 1);
        full.limit(position); // the written length of a full chunk
        if (prefill != null) {
          prefill.offer(full.duplicate().position(0));
        }
      }
      int previous = chunks.isEmpty() ? 0 : current.capacity();
      int capacity = Math.max(size, nextCapacity(previous));
      ByteBuffer chunk = takePrefetched(capacity);
      if (chunk == null) {
        chunk = ByteBuffer.allocateDirect(capacity);
      }
      chunks.add(chunk);
      current.wrap(chunk);
      position = 0;
      int following = nextCapacity(chunk.capacity());
      if (prefetcher != null && following >= PREFETCH_FROM && (prefill == null || bytes < BulkPrefill.START_BYTES)) {
        try {
          next = CompletableFuture.supplyAsync(() -> ByteBuffer.allocateDirect(following), prefetcher);
        } catch (RuntimeException e) {
          next = null; // the writer is shutting down: allocate when needed
        }
      }
    }

    private static int nextCapacity(int previous) {
      return Math.min(MAX_CHUNK, Math.max(FIRST_CHUNK, previous * 2));
    }

    /** The chunk allocated ahead, if it is ready and large enough; else it is given up. */
    private ByteBuffer takePrefetched(int capacity) {
      CompletableFuture<ByteBuffer> f = next;
      next = null;
      if (f == null) {
        return null;
      }
      if (f.isDone() && !f.isCompletedExceptionally()) {
        ByteBuffer b = f.join();
        if (b.capacity() >= capacity) {
          return b;
        }
        BufferUtil.free(b);
        return null;
      }
      abandon(f);
      return null;
    }

    private static void abandon(CompletableFuture<ByteBuffer> f) {
      f.thenAccept(BufferUtil::free);
    }

    private void free() {
      if (prefill != null) {
        prefill.discard(); // no more reads of the chunks on the writer thread
      }
      if (next != null) {
        abandon(next);
        next = null;
      }
      for (ByteBuffer c : chunks) {
        BufferUtil.free(c);
      }
      chunks.clear();
      current.wrap(0, 0);
      position = 0;
    }
  }

  private final Part[] parts;
  private final IntFunction<Executor> prefetchers;
  private final IntFunction<BulkPrefill> prefills;
  private int touched;
  private long count;
  private long bytes;

  /** Entries without allocation ahead (tests). */
  BulkEntries(int partitions) {
    this(partitions, null, null);
  }

  /**
   * {@code prefetchers}: per partition, where to allocate its chunks ahead, or null; {@code
   * prefills}: per partition, a new filling ahead of its entries, or null.
   */
  BulkEntries(int partitions, IntFunction<Executor> prefetchers, IntFunction<BulkPrefill> prefills) {
    this.parts = new Part[partitions];
    this.prefetchers = prefetchers;
    this.prefills = prefills;
  }

  void put(int partition, int space, byte[] key, byte[] value) {
    put(partition, space, key, 0, key.length, value, 0, value.length);
  }

  /** A put of {@code key[keyOffset, +keyLength)} and {@code value[valueOffset, +valueLength)}. */
  void put(int partition, int space, byte[] key, int keyOffset, int keyLength, byte[] value,
      int valueOffset, int valueLength) {
    Part p = part(partition);
    int size = ENTRY_HEADER + keyLength + 4 + valueLength;
    p.reserve(size);
    UnsafeBuffer b = p.current;
    int at = header(b, p.position, Mutation.PUT, partition, space, key, keyOffset, keyLength);
    b.putInt(at, valueLength, ByteOrder.BIG_ENDIAN);
    b.putBytes(at + 4, value, valueOffset, valueLength);
    added(p, size);
  }

  void add(int partition, int space, byte[] key, long delta) {
    add(partition, space, key, 0, key.length, delta);
  }

  void add(int partition, int space, byte[] key, int keyOffset, int keyLength, long delta) {
    Part p = part(partition);
    int size = ENTRY_HEADER + keyLength + 8;
    p.reserve(size);
    UnsafeBuffer b = p.current;
    int at = header(b, p.position, Mutation.ADD, partition, space, key, keyOffset, keyLength);
    b.putLong(at, delta, ByteOrder.BIG_ENDIAN);
    added(p, size);
  }

  private static int header(UnsafeBuffer b, int at, byte kind, int partition, int space,
      byte[] key, int keyOffset, int keyLength) {
    b.putByte(at, kind);
    b.putShort(at + 1, (short) partition, ByteOrder.BIG_ENDIAN);
    b.putByte(at + 3, (byte) space);
    b.putInt(at + 4, keyLength, ByteOrder.BIG_ENDIAN);
    b.putBytes(at + ENTRY_HEADER, key, keyOffset, keyLength);
    return at + ENTRY_HEADER + keyLength;
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
      p = parts[partition] =
          new Part(
              partition,
              prefetchers == null ? null : prefetchers.apply(partition),
              prefills == null ? null : prefills.apply(partition));
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
