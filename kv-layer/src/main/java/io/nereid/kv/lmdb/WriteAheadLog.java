package io.nereid.kv.lmdb;

import io.nereid.kv.KvException;
import io.nereid.kv.StoreFullException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The write-ahead log: the durability point of every commit. A commit is acknowledged once its
 * frame is forced here; the partitions are brought up to date from it after a crash. The log is a
 * series of segment files named by the first sequence number they may hold; a checkpoint starts a
 * new segment and deletes the older ones once the partitions are forced to disk.
 *
 * <p>Appends come from the group-commit leader only; {@link #force()} may also come from the
 * background flusher.
 *
 * <p>A segment is <b>preallocated</b>: zeros are written and forced ahead of the appends, in chunks
 * that double from 64 KiB to 4 MiB (an append larger than that extends the file itself). An append then overwrites blocks the file already has, so the
 * {@code fdatasync} that makes a commit durable writes the data and nothing else: appending to the
 * end of a file also made each one commit ext4's journal for the new size and blocks (measured on
 * the dev VM: a 2.4 KB append + {@code fdatasync} 110 µs at the end of a file, 50-65 µs into
 * preallocated zeros). Zeros never read as a frame ({@link WalCodec#readFrame} wants a length of at
 * least a record header), so a reader takes the first zero frame header as the segment's end.
 * Preallocation writes through a {@link RandomAccessFile}, which interrupts do not stop: a thread
 * interrupted over and over (see below) still gets its zeros written, and then its append.
 *
 * <p>The leader is a user's thread, and users' threads get interrupted (Gremlin Server's timeouts
 * and cancels interrupt the worker evaluating a request). An interrupt that lands inside a {@code
 * FileChannel} operation closes the channel; the log then reopens its segment, zeroes whatever
 * the interrupted write left, and does the operation again, so that an interrupt never loses or
 * refuses a commit. The thread's interrupt status is kept for its caller to see.
 */
final class WriteAheadLog implements AutoCloseable {

  private static final String SUFFIX = ".wal";
  /**
   * Times another thread may close the segment under one operation before it gives up (its own
   * interrupts are retried for as long as they come: each one is a retry the caller asked for).
   */
  private static final int MAX_REOPENS = 8;
  /** The first and the largest preallocation chunk: a store that writes little pays little. */
  private static final long FIRST_CHUNK = 64 << 10;
  private static final long MAX_CHUNK = 4 << 20;
  /** Zeros to preallocate with; never written. */
  private static final byte[] ZEROS = new byte[64 << 10];

  private final Path dir;
  private volatile FileChannel segment;
  private Path segmentPath;
  /** Bytes of records in the current segment: where the next append goes. */
  private long segmentBytes;
  /** Length of the current segment's file: zeros, forced, from {@code segmentBytes} on. */
  private long allocatedBytes;
  private long nextChunk = FIRST_CHUNK;
  private volatile KvException damaged;
  /**
   * Appends made and appends known forced, counted: the log is dirty while the second is behind.
   * (A flag cleared when a force begins would read clean while that force is still running.)
   */
  private final java.util.concurrent.atomic.AtomicLong appends =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile long forcedAppends;

  private WriteAheadLog(Path dir) {
    this.dir = dir;
  }

  /**
   * Reads every whole record of the log, in order, truncating a torn tail; then opens a new segment
   * for appends starting at {@code nextSeq}.
   */
  static WriteAheadLog recover(Path dir, Consumer<CommitRecord> replay) {
    WriteAheadLog log = new WriteAheadLog(dir);
    try {
      Files.createDirectories(dir);
      List<Path> segments = log.segments();
      for (int i = 0; i < segments.size(); i++) {
        readSegment(segments.get(i), i == segments.size() - 1, replay);
      }
    } catch (IOException e) {
      throw new KvException("cannot read the write-ahead log in " + dir + ": " + e, e);
    }
    return log;
  }

  private static void readSegment(Path file, boolean last, Consumer<CommitRecord> replay)
      throws IOException {
    ByteBuffer buf;
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      // What a killed process appended may be in the page cache only: force it before it is
      // replayed into partitions that may then be checkpointed.
      c.force(false);
      long size = c.size();
      if (size > Integer.MAX_VALUE) {
        throw new KvException("log segment too large to replay: " + file);
      }
      buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && c.read(buf) >= 0) {}
      buf.flip();
    }
    while (buf.hasRemaining()) {
      CommitRecord r = WalCodec.readFrame(buf);
      if (r == null) {
        break;
      }
      replay.accept(r);
    }
    if (buf.hasRemaining()) {
      if (!last && !isZeros(buf)) {
        throw new KvException(
            "write-ahead log segment "
                + file
                + " is damaged at byte "
                + buf.position()
                + " and is not the last one: refusing to open");
      }
      // Preallocated zeros, or (last segment) a torn tail: the commit being written when the
      // process died was never acknowledged. Cut either off: a segment may be started again
      // under its name (see startSegment), and its appends must go right after its records.
      try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
        c.truncate(buf.position());
        c.force(true);
      }
    }
  }

  /**
   * The length of the whole frames at the start of a segment file (made if absent), which is cut
   * to it: where appends to it must go (recovery and rotation cut a segment to its records, but
   * whatever is after them would hide the appends from the next recovery, which stops at the
   * first frame that does not read). Not interruptible.
   */
  private static long recordsLength(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) { // creates it if absent
      long size = f.length();
      if (size == 0) {
        return 0;
      }
      if (size > Integer.MAX_VALUE) {
        throw new IOException("log segment too large to reopen: " + file);
      }
      byte[] bytes = new byte[(int) size];
      f.readFully(bytes);
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (WalCodec.skipFrame(buf)) {
        // whole frames
      }
      if (buf.position() < size) {
        f.setLength(buf.position());
      }
      return buf.position();
    }
  }

  /** Cuts the segment's file to {@code length} bytes, not interruptibly. */
  private void trimTo(long length) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(segmentPath.toFile(), "rw")) {
      if (file.length() != length) {
        file.setLength(length);
      }
    }
  }

  /** Whether everything from the buffer's position to its limit is zero (a preallocated tail). */
  private static boolean isZeros(ByteBuffer buf) {
    for (int i = buf.position(); i < buf.limit(); i++) {
      if (buf.get(i) != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Starts a new segment for records from {@code firstSeq} on. Its name may be the current one's
   * (a checkpoint right after one that logged nothing since, or the first after recovery): the
   * file is then opened again and appended to after its records.
   */
  void startSegment(long firstSeq) {
    checkUsable();
    if (segment != null) {
      force();
      try {
        trimTo(segmentBytes); // its preallocated zeros: see the method comment
        segment.close();
      } catch (IOException e) {
        throw damage(failure("cannot close a log segment", e));
      }
    }
    // From here on the old segment is closed: the log holds a new one or is unusable, never a
    // mix of the two (a later append would go to a place recovery does not read).
    Path path = dir.resolve(String.format("%020d%s", firstSeq, SUFFIX));
    FileChannel opened = null;
    boolean interrupted = false;
    try {
      long records = recordsLength(path); // 0, or the records of a segment started again
      while (true) {
        try {
          opened = openSegment(path);
          opened.position(records);
          break;
        } catch (ClosedByInterruptException e) {
          // only this thread has the new channel: its own interrupt is what closed it
          interrupted |= Thread.interrupted();
        }
      }
      segment = opened;
      segmentPath = path;
      segmentBytes = records;
      allocatedBytes = records;
      nextChunk = FIRST_CHUNK;
    } catch (IOException e) {
      if (opened != null) {
        try {
          opened.close();
        } catch (IOException ignored) {
          // failing already
        }
      }
      segment = null;
      throw damage(failure("cannot start a log segment", e));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    FileSync.directory(dir);
  }

  /** Appends framed records (not yet forced). */
  void append(ByteBuffer frames) {
    append(new ByteBuffer[] {frames});
  }

  /** Appends framed records held in several buffers, in order, with gathering writes. */
  void append(ByteBuffer[] frames) {
    checkUsable();
    long start = segmentBytes;
    int[] positions = new int[frames.length];
    long length = 0;
    for (int i = 0; i < frames.length; i++) {
      positions[i] = frames[i].position();
      length += frames[i].remaining();
    }
    boolean interrupted = false;
    try {
      for (int attempt = 1; ; attempt++) {
        FileChannel channel = segment;
        try {
          preallocate(start + length);
          writeAll(channel, frames);
          allocatedBytes = Math.max(allocatedBytes, segmentBytes);
          appends.incrementAndGet();
          return;
        } catch (ClosedChannelException e) {
          interrupted |= Thread.interrupted();
          if (!(e instanceof ClosedByInterruptException) && attempt >= MAX_REOPENS) {
            // what the last attempt wrote cannot be cut off through a closed channel
            throw damage(failure(
                "cannot append to the write-ahead log: closed " + attempt + " times", e));
          }
          interrupted |= reopen(channel, start, start + length);
          for (int i = 0; i < frames.length; i++) {
            frames[i].position(positions[i]);
          }
        } catch (IOException e) {
          cutBack(start);
          throw failure("cannot append to the write-ahead log", e);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Makes sure the segment's file reaches {@code end}, in zeros that are on disk, so that appends
   * up to there change no file metadata (see the class comment).
   */
  private void preallocate(long end) throws IOException {
    if (end <= allocatedBytes || end - segmentBytes > MAX_CHUNK) {
      // A large append (a bulk batch's entries) extends the file itself: zeros first would write
      // it twice, for one journal commit saved.
      return;
    }
    long target = (Math.max(end, allocatedBytes + nextChunk) + 4095) & ~4095L;
    try {
      writeZeros(allocatedBytes, target, true);
    } catch (IOException e) {
      if (!isNoSpace(e)) {
        throw e;
      }
      // Near a full disk: no preallocation, the append itself gets the room if there is any.
      trimTo(allocatedBytes);
      nextChunk = FIRST_CHUNK;
      return;
    }
    allocatedBytes = target;
    nextChunk = Math.min(nextChunk * 2, MAX_CHUNK);
  }

  /** Writes zeros over [from, to) of the segment, not interruptibly; forced if {@code force}. */
  private void writeZeros(long from, long to, boolean force) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(segmentPath.toFile(), "rw")) {
      file.seek(from);
      for (long at = from; at < to; ) {
        int n = (int) Math.min(ZEROS.length, to - at);
        file.write(ZEROS, 0, n);
        at += n;
      }
      if (force) {
        file.getFD().sync();
      }
    }
  }

  private void writeAll(FileChannel channel, ByteBuffer[] frames) throws IOException {
    int first = 0;
    while (first < frames.length) {
      if (!frames[first].hasRemaining()) {
        first++;
        continue;
      }
      segmentBytes += channel.write(frames, first, frames.length - first);
    }
  }

  /** Cuts off what was half written, or recovery would stop there and miss later records. */
  private void cutBack(long start) {
    try {
      trimTo(start);
      segmentBytes = start;
      allocatedBytes = start;
    } catch (IOException e) {
      // Left in place, the torn frame would hide every later append from recovery.
      damage(failure("cannot cut a failed append off the write-ahead log", e));
      return;
    }
    try {
      segment.position(start);
    } catch (IOException e) {
      // a closed channel: the next append reopens it, at segmentBytes
    }
  }

  /**
   * Replaces a segment channel that an interrupt closed (unless another thread already did) and
   * zeroes what an interrupted append may have written, from {@code validBytes}, the end of the
   * last whole append, to {@code dirtyEnd} (validBytes -1: nothing was written). Zeroed, not cut
   * off: the file keeps its preallocated blocks, and a reader stops at zeros as at the end.
   * Returns whether it consumed an interrupt of the calling thread.
   */
  private synchronized boolean reopen(FileChannel broken, long validBytes, long dirtyEnd) {
    boolean interrupted = false;
    while (true) {
      try {
        if (segment == broken || !segment.isOpen()) {
          segment = openSegment(segmentPath);
        }
        if (validBytes >= 0) {
          segmentBytes = validBytes;
        }
        segment.position(segmentBytes);
        if (validBytes >= 0) {
          writeZeros(validBytes, dirtyEnd, false); // the retry writes here again, then forces
        }
        return interrupted;
      } catch (ClosedByInterruptException e) {
        interrupted |= Thread.interrupted();
        broken = segment;
      } catch (IOException e) {
        throw damage(failure("cannot reopen the write-ahead log after an interrupt", e));
      }
    }
  }

  /** Opened for writing at a position (not appending: the file runs on past the records). */
  private static FileChannel openSegment(Path path) throws IOException {
    return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  /**
   * Forces appended records to disk. fsync works on the file, not the descriptor, so forcing a
   * reopened channel also forces what the closed one wrote.
   */
  void force() {
    checkUsable();
    boolean interrupted = false;
    long upTo = appends.get();
    try {
      for (int attempt = 1; ; attempt++) {
        FileChannel channel = segment;
        try {
          channel.force(false);
          synchronized (appends) {
            forcedAppends = Math.max(forcedAppends, upTo);
          }
          return;
        } catch (ClosedChannelException e) {
          interrupted |= Thread.interrupted();
          if (!(e instanceof ClosedByInterruptException) && attempt >= MAX_REOPENS) {
            throw failure("cannot force the write-ahead log: closed " + attempt + " times", e);
          }
          interrupted |= reopen(channel, -1, -1);
        } catch (IOException e) {
          throw failure("cannot force the write-ahead log to disk", e);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether an append may not be forced yet (true while a force of it is still running). */
  boolean isDirty() {
    return forcedAppends < appends.get();
  }

  long segmentBytes() {
    return segmentBytes;
  }

  /** Deletes every segment but the current one: their records are all forced into partitions. */
  void deleteOlderSegments() {
    try {
      for (Path p : segments()) {
        if (!p.equals(segmentPath)) {
          Files.deleteIfExists(p);
        }
      }
      FileSync.directory(dir);
    } catch (IOException e) {
      throw new KvException("cannot delete checkpointed log segments in " + dir, e);
    }
  }

  long totalBytes() {
    long total = 0;
    for (Path p : segments()) {
      try {
        total += Files.size(p);
      } catch (IOException e) {
        // A segment deleted meanwhile counts as nothing.
      }
    }
    return total;
  }

  private List<Path> segments() {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> list = new ArrayList<>();
      s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().forEach(list::add);
      return list;
    } catch (IOException e) {
      throw new KvException("cannot list the write-ahead log in " + dir, e);
    }
  }

  /**
   * Marks the log unusable: what a failed append left in the segment could not be cleaned up, so
   * a later append would be unreadable to recovery. Every later append or force throws it (and
   * the commit pipeline stops the store).
   */
  private KvException damage(KvException e) {
    damaged = e;
    return e;
  }

  /** The failure that made the log unusable, or null. */
  KvException damaged() {
    return damaged;
  }

  private void checkUsable() {
    KvException d = damaged;
    if (d != null) {
      throw new KvException("the write-ahead log is unusable after an earlier failure: "
          + d.getMessage(), d);
    }
  }

  private KvException failure(String what, IOException e) {
    String msg = what + " (" + dir + "): " + e.getMessage();
    if (isNoSpace(e)) {
      return new StoreFullException(msg + ": the disk is full", e);
    }
    return new KvException(msg, e);
  }

  static boolean isNoSpace(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && (m.contains("No space left") || m.contains("ENOSPC") || m.contains("Disk quota"))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    if (segment == null) {
      return;
    }
    try {
      if (damaged == null) {
        force();
        trimTo(segmentBytes); // a closed log holds records only
      }
    } catch (IOException e) {
      throw new KvException("cannot close the write-ahead log", e);
    } finally {
      try {
        segment.close();
      } catch (IOException e) {
        // closing a channel of a file already forced (or given up) loses nothing
      }
    }
  }
}
