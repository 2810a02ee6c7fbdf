package io.nereid.graph.load;

import io.nereid.kv.BulkBatch;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Merges the sections of one partition and key space from several run files (k-way, by key) into
 * one single-partition kv {@link BulkBatch}, in key order: into a key space the deferral left
 * empty, every key goes in with MDB_APPEND. Equal keys: puts keep the value of the latest run,
 * counters are summed into one addition. The batch also writes {@code marker}, in the same
 * partition, so the merge and the record that it happened commit together (one LMDB transaction:
 * counter additions are not idempotent, so a merge must happen exactly once).
 */
final class RunMerge {

  private RunMerge() {}

  /** Merges {@code files}' sections (partition, space, counter) and commits them with the marker. */
  static void merge(KvStore kv, int partition, KeySpace space, boolean counter,
      List<RunFile> files, KeySpace meta, byte[] marker, byte[] markerValue) throws IOException {
    List<Cursor> cursors = new ArrayList<>();
    try (BulkBatch batch = kv.bulkBatch()) {
      try {
        for (RunFile f : files) {
          RunFile.Section s = f.section(partition, space.index(), counter);
          if (s != null && s.count() > 0) {
            Cursor c = new Cursor(f, s);
            if (c.next()) {
              cursors.add(c);
            } else {
              c.close();
            }
          }
        }
        Heap heap = new Heap(cursors);
        Arrays2 keys = new Arrays2();
        Arrays2 values = new Arrays2();
        while (!heap.isEmpty()) {
          Cursor top = heap.top();
          byte[] key = keys.copy(top.key, top.keyLength);
          long sum = counter ? top.counter() : 0;
          byte[] value = counter ? null : values.copy(top.value, top.valueLength);
          heap.advanceTop();
          while (!heap.isEmpty() && heap.top().keyLength == key.length
              && Arrays.equals(heap.top().key, 0, key.length, key, 0, key.length)) {
            Cursor same = heap.top();
            sum += counter ? same.counter() : 0; // a put of an older run loses
            heap.advanceTop();
          }
          if (counter) {
            if (sum != 0) {
              batch.add(partition, space, key, sum);
            }
          } else {
            batch.put(partition, space, key, value);
          }
        }
        batch.put(partition, meta, marker, markerValue);
        batch.commit();
      } finally {
        for (Cursor c : cursors) {
          c.close();
        }
      }
    }
  }

  /**
   * A binary min-heap of cursors by current key, then the latest run first. Each cursor caches its
   * key's first 8 bytes as a long, so most comparisons are one unsigned compare of two longs (a
   * PriorityQueue with a comparator over the key arrays took most of the merge's time).
   */
  private static final class Heap {
    private final Cursor[] heap;
    private int size;

    Heap(List<Cursor> cursors) {
      heap = cursors.toArray(new Cursor[0]);
      size = heap.length;
      for (int i = size / 2 - 1; i >= 0; i--) {
        down(i);
      }
    }

    boolean isEmpty() {
      return size == 0;
    }

    Cursor top() {
      return heap[0];
    }

    /** Moves the top cursor to its next entry (or drops it when it has none) and re-heaps. */
    void advanceTop() throws IOException {
      if (!heap[0].next()) {
        heap[0] = heap[--size];
        heap[size] = null;
      }
      if (size > 0) {
        down(0);
      }
    }

    private void down(int i) {
      Cursor c = heap[i];
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && less(heap[child + 1], heap[child])) {
          child++;
        }
        if (!less(heap[child], c)) {
          break;
        }
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = c;
    }

    private static boolean less(Cursor a, Cursor b) {
      if (a.head != b.head) {
        return Long.compareUnsigned(a.head, b.head) < 0;
      }
      int c = Arrays.compareUnsigned(a.key, 0, a.keyLength, b.key, 0, b.keyLength);
      return c != 0 ? c < 0 : a.seq > b.seq;
    }
  }

  /** Exact-length key arrays, one per length, reused (a bulk batch copies what it is given). */
  private static final class Arrays2 {
    private final byte[][] byLength = new byte[FactKeys.MAX_KEY + 1][];

    byte[] copy(byte[] src, int length) {
      byte[] b = length < byLength.length ? byLength[length] : null;
      if (b == null) {
        b = new byte[length];
        if (length < byLength.length) {
          byLength[length] = b;
        }
      }
      System.arraycopy(src, 0, b, 0, length);
      return b;
    }
  }

  /** Reads one section's entries in order through a 256 KiB buffer. */
  private static final class Cursor implements AutoCloseable {
    final long seq;
    private final FileChannel ch;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 18);
    private long filePos;
    private final long end;
    private long left;
    byte[] key = new byte[FactKeys.MAX_KEY];
    int keyLength;
    long head; // key bytes [0, 8), big-endian, zero-padded
    byte[] value = new byte[64];
    int valueLength;

    Cursor(RunFile f, RunFile.Section s) throws IOException {
      this.seq = f.seq;
      this.ch = FileChannel.open(f.path, StandardOpenOption.READ);
      this.filePos = s.offset();
      this.end = s.offset() + s.length();
      this.left = s.count();
      buf.limit(0);
    }

    boolean next() throws IOException {
      if (left == 0) {
        return false;
      }
      left--;
      ensure(KeyRun.HEADER);
      keyLength = buf.getShort() & 0xFFFF;
      valueLength = buf.getInt();
      ensure(keyLength + valueLength);
      if (key.length < keyLength) {
        key = new byte[keyLength];
      }
      buf.get(key, 0, keyLength);
      long h = 0;
      int n = Math.min(8, keyLength);
      for (int i = 0; i < n; i++) {
        h = (h << 8) | (key[i] & 0xFF);
      }
      head = n == 0 ? 0 : h << (8 * (8 - n));
      if (value.length < valueLength) {
        value = new byte[Math.max(valueLength, value.length * 2)];
      }
      buf.get(value, 0, valueLength);
      return true;
    }

    long counter() {
      return ByteBuffer.wrap(value, 0, 8).getLong();
    }

    private void ensure(int n) throws IOException {
      if (buf.remaining() >= n) {
        return;
      }
      if (n > buf.capacity()) {
        throw new IOException("run entry of " + n + " bytes");
      }
      buf.compact();
      while (buf.position() < n) {
        int want = (int) Math.min(buf.remaining(), end - filePos);
        if (want <= 0) {
          throw new IOException("run section ends early");
        }
        ByteBuffer slice = buf.slice().limit(want);
        int read = ch.read(slice, filePos);
        if (read < 0) {
          throw new IOException("run file ends early");
        }
        filePos += read;
        buf.position(buf.position() + read);
      }
      buf.flip();
    }

    @Override
    public void close() throws IOException {
      ch.close();
    }
  }
}
