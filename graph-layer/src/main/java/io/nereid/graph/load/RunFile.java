package io.nereid.graph.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One batch's deferred keys on disk (see {@link PendingRuns}): sorted sections, one per partition
 * and key space, each in {@link KeyRun}'s entry format ({@code key length (2 bytes), value length
 * (4 bytes), key, value}; a counter section holds one entry per key, its value the 8-byte summed
 * delta). Layout: magic, section count, the section table ({@code partition, space index, counter
 * flag, entry count, offset, length}), then the sections' bytes.
 *
 * <p>Written once, sequentially, and forced before the batch that records it commits; read
 * sequentially by the merge. While the load runs, the {@code xid} sections also keep a sparse
 * index in memory (every {@value #INDEX_EVERY}th key), so that an id lookup reads one small block
 * of the file instead of the whole section.
 */
final class RunFile {

  static final long MAGIC = 0x4E5244524E303031L; // "NRDRN001"
  private static final int HEADER = 12;
  private static final int TABLE_ENTRY = 4 + 4 + 1 + 8 + 8 + 8;
  static final int INDEX_EVERY = 32;

  /** Where a section is in the file. */
  record Section(int partition, int space, boolean counter, long count, long offset, long length,
      SparseIndex index) {}

  /** Every {@value #INDEX_EVERY}th key of a section and the file offset of its entry. */
  record SparseIndex(byte[][] keys, long[] offsets) {}

  /** A sorted run to write: entries [from, to) of {@code run}. */
  record Part(int partition, int space, boolean counter, KeyRun run, int from, int to,
      boolean indexed) {}

  final long seq;
  final Path path;
  final List<Section> sections;
  final long bytes;

  private RunFile(long seq, Path path, List<Section> sections, long bytes) {
    this.seq = seq;
    this.path = path;
    this.sections = sections;
    this.bytes = bytes;
  }

  /** Writes {@code parts} (each sorted) to a new file and forces it to disk. */
  static RunFile write(long seq, Path path, List<Part> parts) throws IOException {
    List<Section> sections = new ArrayList<>();
    long tableEnd = HEADER + (long) parts.size() * TABLE_ENTRY;
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      Output out = new Output(ch, tableEnd);
      for (Part part : parts) {
        long start = out.position();
        long count = 0;
        List<byte[]> keys = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        KeyRun r = part.run();
        byte[] data = r.data();
        for (int i = part.from(); i < part.to(); ) {
          int j = i + 1;
          if (part.indexed() && count % INDEX_EVERY == 0) {
            keys.add(Arrays.copyOfRange(data, r.keyOffset(i), r.keyOffset(i) + r.keyLength(i)));
            offsets.add(out.position());
          }
          if (part.counter()) {
            long sum = r.delta(i);
            while (j < part.to() && r.sameKey(i, j)) {
              sum += r.delta(j++);
            }
            out.entry(data, r.keyOffset(i), r.keyLength(i), sum);
          } else {
            out.raw(data, r.keyOffset(i) - KeyRun.HEADER,
                KeyRun.HEADER + r.keyLength(i) + r.valueLength(i));
          }
          count++;
          i = j;
        }
        SparseIndex index = part.indexed()
            ? new SparseIndex(keys.toArray(new byte[0][]),
                offsets.stream().mapToLong(Long::longValue).toArray())
            : null;
        sections.add(new Section(part.partition(), part.space(), part.counter(), count, start,
            out.position() - start, index));
      }
      out.flush();
      ByteBuffer head = ByteBuffer.allocate((int) tableEnd);
      head.putLong(MAGIC).putInt(sections.size());
      for (Section s : sections) {
        head.putInt(s.partition()).putInt(s.space()).put((byte) (s.counter() ? 1 : 0))
            .putLong(s.count()).putLong(s.offset()).putLong(s.length());
      }
      head.flip();
      while (head.hasRemaining()) {
        ch.write(head, head.position());
      }
      ch.force(true);
      return new RunFile(seq, path, sections, out.position());
    }
  }

  /** Reads the section table of a file written by {@link #write} (no sparse indexes). */
  static RunFile open(long seq, Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      ByteBuffer head = ByteBuffer.allocate(HEADER);
      readFully(ch, head, 0);
      if (head.getLong(0) != MAGIC) {
        throw new IOException(path + " is not a run file");
      }
      int n = head.getInt(8);
      ByteBuffer table = ByteBuffer.allocate(n * TABLE_ENTRY);
      readFully(ch, table, HEADER);
      table.flip();
      List<Section> sections = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        sections.add(new Section(table.getInt(), table.getInt(), table.get() != 0,
            table.getLong(), table.getLong(), table.getLong(), null));
      }
      return new RunFile(seq, path, sections, ch.size());
    }
  }

  Section section(int partition, int space, boolean counter) {
    for (Section s : sections) {
      if (s.partition() == partition && s.space() == space && s.counter() == counter) {
        return s;
      }
    }
    return null;
  }

  /**
   * The value of {@code key} in an indexed section, or null: a binary search of the sparse index,
   * then one block of at most {@value #INDEX_EVERY} entries read from the file.
   */
  byte[] find(FileChannel ch, Section s, byte[] key) throws IOException {
    SparseIndex index = s.index();
    int lo = 0;
    int hi = index.keys().length - 1;
    int at = -1; // the last indexed key <= key
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (Arrays.compareUnsigned(index.keys()[mid], key) <= 0) {
        at = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (at < 0) {
      return null;
    }
    long from = index.offsets()[at];
    long to = at + 1 < index.offsets().length ? index.offsets()[at + 1] : s.offset() + s.length();
    ByteBuffer block = ByteBuffer.allocate((int) (to - from));
    readFully(ch, block, from);
    byte[] b = block.array();
    for (int i = 0; i < b.length; ) {
      int kl = (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
      int vl = ByteBuffer.wrap(b, i + 2, 4).getInt();
      int k = i + KeyRun.HEADER;
      int c = Arrays.compareUnsigned(b, k, k + kl, key, 0, key.length);
      if (c == 0) {
        return Arrays.copyOfRange(b, k + kl, k + kl + vl);
      }
      if (c > 0) {
        return null;
      }
      i = k + kl + vl;
    }
    return null;
  }

  static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
    while (b.hasRemaining()) {
      int n = ch.read(b, at + b.position());
      if (n < 0) {
        throw new IOException("run file ends early");
      }
    }
  }

  /** Buffered positional writes: sections go out in 1 MiB writes. */
  private static final class Output {
    private final FileChannel ch;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 20);
    private long flushed;

    Output(FileChannel ch, long start) {
      this.ch = ch;
      this.flushed = start;
    }

    long position() {
      return flushed + buf.position();
    }

    void raw(byte[] src, int offset, int length) throws IOException {
      while (length > 0) {
        if (!buf.hasRemaining()) {
          flush();
        }
        int n = Math.min(length, buf.remaining());
        buf.put(src, offset, n);
        offset += n;
        length -= n;
      }
    }

    void entry(byte[] src, int keyOffset, int keyLength, long value) throws IOException {
      if (buf.remaining() < KeyRun.HEADER + keyLength + 8) {
        flush();
      }
      buf.putShort((short) keyLength).putInt(8).put(src, keyOffset, keyLength).putLong(value);
    }

    void flush() throws IOException {
      buf.flip();
      while (buf.hasRemaining()) {
        flushed += ch.write(buf, flushed);
      }
      buf.clear();
    }
  }
}
