package io.nereid.graph.load;

import io.nereid.kv.BulkBatch;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvStore;
import java.io.IOException;
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
            cursors.add(c); // closed below, whatever happens
            if (!c.next()) {
              throw new IOException("empty run section in " + f.path);
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
          byte[] value = counter ? null : top.value(values.of(top.valueLength));
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
   * A tree of losers over the cursors: the smallest current key (the latest run first among equal
   * keys) is at the top, and advancing it replays one leaf-to-root path, log2(k) comparisons. Each
   * cursor's first 16 key bytes are kept as two longs in two arrays, so most comparisons touch
   * neither the cursor objects nor their key arrays (a PriorityQueue with a comparator over the
   * keys took most of the merge's time, then a binary heap of cursors still half of it). The
   * second long matters: many keys share their first 8 bytes (the xid keys of ids like {@code
   * k1234567}, the POGS keys of one property value).
   */
  private static final class Heap {
    private final Cursor[] cursors;
    private final long[] heads;
    private final long[] heads2;
    private final boolean[] done;
    private final int[] tree; // tree[0]: the winner; tree[1..k-1]: the loser at each node
    private final int k;

    Heap(List<Cursor> list) {
      k = list.size();
      cursors = list.toArray(new Cursor[0]);
      heads = new long[k];
      heads2 = new long[k];
      done = new boolean[k];
      for (int i = 0; i < k; i++) {
        heads[i] = cursors[i].head;
        heads2[i] = cursors[i].head2;
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
        heads2[w] = cursors[w].head2;
      } else {
        done[w] = true;
        heads[w] = -1L; // the greatest heads: a done cursor loses without a look at done[]
        heads2[w] = -1L;
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
      long ha = heads[a];
      long hb = heads[b];
      if (ha != hb) {
        return Long.compareUnsigned(ha, hb) < 0;
      }
      long ga = heads2[a];
      long gb = heads2[b];
      if (ga != gb) {
        return Long.compareUnsigned(ga, gb) < 0;
      }
      return tie(a, b);
    }

    /** Equal first 16 bytes (or a done cursor, whose heads are all ones): the whole keys decide. */
    private boolean tie(int a, int b) {
      if (done[a] || done[b]) {
        return !done[a];
      }
      Cursor x = cursors[a];
      Cursor y = cursors[b];
      int c = Arrays.compareUnsigned(x.key, 0, x.keyLength, y.key, 0, y.keyLength);
      return c != 0 ? c < 0 : x.seq > y.seq;
    }
  }

  /** Exact-length arrays, one per length, reused (a bulk batch copies what it is given). */
  private static final class Arrays2 {
    private final byte[][] byLength = new byte[FactKeys.MAX_KEY + 1][];

    /** An array of exactly {@code length} bytes, the same one each time below the key limit. */
    byte[] of(int length) {
      byte[] b = length < byLength.length ? byLength[length] : null;
      if (b == null) {
        b = new byte[length];
        if (length < byLength.length) {
          byLength[length] = b;
        }
      }
      return b;
    }

    byte[] copy(byte[] src, int length) {
      byte[] b = of(length);
      System.arraycopy(src, 0, b, 0, length);
      return b;
    }
  }

  /**
   * Reads one section's entries in order from a read-only mapping of the section: no read calls
   * and no copies into a buffer (reading through a 256 KiB heap buffer was a third of a merge
   * thread's time). The mapping is released when the cursor closes, so the run file's space is
   * freed when it is deleted, not at some later garbage collection.
   */
  private static final class Cursor implements AutoCloseable {
    final long seq;
    private final MappedByteBuffer map;
    private int pos;
    private long left;
    byte[] key = new byte[FactKeys.MAX_KEY];
    int keyLength;
    long head; // key bytes [0, 8), big-endian, zero-padded
    long head2; // key bytes [8, 16), the same way
    private int valueAt;
    int valueLength;

    Cursor(RunFile f, RunFile.Section s) throws IOException {
      this.seq = f.seq;
      if (s.length() > Integer.MAX_VALUE) {
        throw new IOException("run section of " + s.length() + " bytes in " + f.path);
      }
      try (FileChannel ch = FileChannel.open(f.path, StandardOpenOption.READ)) {
        if (ch.size() < s.offset() + s.length()) {
          throw new IOException("run file ends early: " + f.path);
        }
        this.map = ch.map(FileChannel.MapMode.READ_ONLY, s.offset(), s.length());
      }
      this.left = s.count();
    }

    boolean next() throws IOException {
      if (left == 0) {
        return false;
      }
      left--;
      int at = pos;
      if (map.limit() - at < KeyRun.HEADER) {
        throw new IOException("run section ends early");
      }
      keyLength = map.getShort(at) & 0xFFFF;
      valueLength = map.getInt(at + 2);
      long end = (long) at + KeyRun.HEADER + keyLength + valueLength;
      if (valueLength < 0 || end > map.limit()) {
        throw new IOException("run section ends early");
      }
      valueAt = at + KeyRun.HEADER + keyLength;
      if (key.length < keyLength) {
        key = new byte[keyLength];
      }
      map.get(at + KeyRun.HEADER, key, 0, keyLength);
      if (keyLength >= 16) { // most keys: both windows straight from the mapping (big-endian)
        head = map.getLong(at + KeyRun.HEADER);
        head2 = map.getLong(at + KeyRun.HEADER + 8);
      } else {
        head = KeyRun.window(key, 0, keyLength, 0);
        head2 = KeyRun.window(key, 0, keyLength, 8);
      }
      pos = valueAt + valueLength;
      return true;
    }

    /** The current entry's value, copied into {@code into} (exactly its length). */
    byte[] value(byte[] into) {
      map.get(valueAt, into, 0, valueLength);
      return into;
    }

    long counter() {
      return map.getLong(valueAt);
    }

    @Override
    public void close() {
      IoUtil.unmap(map);
    }
  }
}
