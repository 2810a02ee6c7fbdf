package io.nereid.graph.load;

import io.nereid.kv.BulkBatch;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.agrona.IoUtil;

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
        // entries go to the batch straight from the cursors' arrays (the batch copies them);
        // a cursor keeps its previous key readable until its next advance (Cursor.next), which
        // is what equal keys are compared with
        while (!heap.isEmpty()) {
          Cursor top = heap.top();
          if (!counter) {
            batch.put(partition, space, top.key, 0, top.keyLength, top.value, 0,
                top.valueLength); // the latest run's value: a put of an older run loses
          }
          long sum = counter ? top.counter() : 0;
          byte[] key = top.key;
          int keyLength = top.keyLength;
          heap.advanceTop();
          while (!heap.isEmpty() && heap.top().keyLength == keyLength
              && Arrays.equals(heap.top().key, 0, keyLength, key, 0, keyLength)) {
            Cursor same = heap.top();
            sum += counter ? same.counter() : 0;
            key = same.key; // equal bytes, and readable until same's next advance
            heap.advanceTop();
          }
          if (counter && sum != 0) {
            batch.add(partition, space, key, 0, keyLength, sum);
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
   * A tree of losers over the cursors: the smallest current key (the latest run first among equal
   * keys) is at the top, and advancing it replays one leaf-to-root path, log2(k) comparisons. Each
   * cursor's first 8 key bytes are kept as a long in one array, so most comparisons touch neither
   * the cursor objects nor their key arrays (a PriorityQueue with a comparator over the keys took
   * most of the merge's time, then a binary heap of cursors still half of it).
   */
  private static final class Heap {
    private final Cursor[] cursors;
    private final long[] heads;
    private final boolean[] done;
    private final int[] tree; // tree[0]: the winner; tree[1..k-1]: the loser at each node
    private final int k;

    Heap(List<Cursor> list) {
      k = list.size();
      cursors = list.toArray(new Cursor[0]);
      heads = new long[k];
      done = new boolean[k];
      for (int i = 0; i < k; i++) {
        heads[i] = cursors[i].head;
      }
      tree = new int[Math.max(1, k)];
      if (k > 0) {
        tree[0] = build(1);
      }
    }

    /** Fills the subtree at {@code node} (leaves are nodes k..2k-1); returns its winner. */
    private int build(int node) {
      if (node >= k) {
        return node - k;
      }
      int a = build(2 * node);
      int b = build(2 * node + 1);
      if (less(a, b)) {
        tree[node] = b;
        return a;
      }
      tree[node] = a;
      return b;
    }

    boolean isEmpty() {
      return k == 0 || done[tree[0]];
    }

    Cursor top() {
      return cursors[tree[0]];
    }

    /** Moves the top cursor to its next entry (or marks it done) and replays its path. */
    void advanceTop() throws IOException {
      int w = tree[0];
      if (cursors[w].next()) {
        heads[w] = cursors[w].head;
      } else {
        done[w] = true;
      }
      for (int node = (w + k) >>> 1; node >= 1; node >>>= 1) {
        int other = tree[node];
        if (less(other, w)) {
          tree[node] = w;
          w = other;
        }
      }
      tree[0] = w;
    }

    private boolean less(int a, int b) {
      if (done[a] || done[b]) {
        return !done[a];
      }
      if (heads[a] != heads[b]) {
        return Long.compareUnsigned(heads[a], heads[b]) < 0;
      }
      Cursor x = cursors[a];
      Cursor y = cursors[b];
      int c = Arrays.compareUnsigned(x.key, 0, x.keyLength, y.key, 0, y.keyLength);
      return c != 0 ? c < 0 : x.seq > y.seq;
    }
  }

  /**
   * Reads one section's entries in order from a read-only mapping of the file, a window of at most
   * {@value #WINDOW} bytes at a time: the merge reads every run file once, and reading through
   * {@code FileChannel.read} into a heap buffer (the kernel's copy, then the JDK's copy out of its
   * temporary direct buffer) was a third of the merge threads' time.
   */
  private static final class Cursor implements AutoCloseable {
    private static final long WINDOW = 64L << 20;
    final long seq;
    private final FileChannel ch;
    private MappedByteBuffer buf;
    private long windowStart; // file offset of buf's position 0
    private final long end;
    private long left;
    /** The current entry's key; {@code spare} holds the previous one (see {@link #next}). */
    byte[] key = new byte[FactKeys.MAX_KEY];
    private byte[] spare = new byte[FactKeys.MAX_KEY];
    int keyLength;
    long head; // key bytes [0, 8), big-endian, zero-padded
    byte[] value = new byte[64];
    int valueLength;

    Cursor(RunFile f, RunFile.Section s) throws IOException {
      this.seq = f.seq;
      this.ch = FileChannel.open(f.path, StandardOpenOption.READ);
      this.end = s.offset() + s.length();
      this.left = s.count();
      try {
        map(s.offset());
      } catch (IOException | RuntimeException e) {
        ch.close();
        throw e;
      }
    }

    /**
     * Moves to the next entry. The array {@link #key} referred to before stays unchanged until
     * the call after this one: the merge compares the following keys with it.
     */
    boolean next() throws IOException {
      if (left == 0) {
        return false;
      }
      left--;
      byte[] previous = key;
      key = spare;
      spare = previous;
      ensure(KeyRun.HEADER);
      int at = buf.position();
      keyLength = buf.getShort(at) & 0xFFFF;
      valueLength = buf.getInt(at + 2);
      if (keyLength > key.length) {
        throw new IOException("run entry with a key of " + keyLength + " bytes");
      }
      ensure(KeyRun.HEADER + keyLength + valueLength);
      at = buf.position();

      buf.get(at + KeyRun.HEADER, key, 0, keyLength);
      long h = 0;
      int n = Math.min(8, keyLength);
      for (int i = 0; i < n; i++) {
        h = (h << 8) | (key[i] & 0xFF);
      }
      head = n == 0 ? 0 : h << (8 * (8 - n));
      if (value.length < valueLength) {
        value = new byte[Math.max(valueLength, value.length * 2)];
      }
      buf.get(at + KeyRun.HEADER + keyLength, value, 0, valueLength);
      buf.position(at + KeyRun.HEADER + keyLength + valueLength);
      return true;
    }

    long counter() {
      return ByteBuffer.wrap(value, 0, 8).getLong();
    }

    /** Makes the next {@code n} bytes readable at the buffer's position, remapping if needed. */
    private void ensure(int n) throws IOException {
      if (buf.remaining() >= n) {
        return;
      }
      long at = windowStart + buf.position();
      if (at + n > end) {
        throw new IOException("run section ends early");
      }
      map(at);
      if (buf.remaining() < n) {
        throw new IOException("run entry of " + n + " bytes");
      }
    }

    private void map(long from) throws IOException {
      unmap();
      if (end > ch.size()) {
        throw new IOException("run file ends early");
      }
      buf = ch.map(FileChannel.MapMode.READ_ONLY, from, Math.min(WINDOW, end - from));
      windowStart = from;
    }

    private void unmap() {
      if (buf != null) {
        IoUtil.unmap(buf); // now, not when collected: the file is deleted after the merge
        buf = null;
      }
    }

    @Override
    public void close() throws IOException {
      unmap();
      ch.close();
    }
  }
}
