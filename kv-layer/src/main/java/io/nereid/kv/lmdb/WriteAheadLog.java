package io.nereid.kv.lmdb;

import io.nereid.kv.KvException;
import io.nereid.kv.StoreFullException;
import java.io.IOException;
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
 * <p>The leader is a user's thread, and users' threads get interrupted (Gremlin Server's timeouts
 * and cancels interrupt the worker evaluating a request). An interrupt that lands inside a {@code
 * FileChannel} operation closes the channel; the log then reopens its segment, cuts off whatever
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

  private final Path dir;
  private volatile FileChannel segment;
  private Path segmentPath;
  private long segmentBytes;
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
      if (!last) {
        throw new KvException(
            "write-ahead log segment "
                + file
                + " is damaged at byte "
                + buf.position()
                + " and is not the last one: refusing to open");
      }
      // A torn tail: the commit being written when the process died was never acknowledged.
      try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
        c.truncate(buf.position());
        c.force(true);
      }
    }
  }

  /** Starts a new segment for records from {@code firstSeq} on. */
  void startSegment(long firstSeq) {
    if (segment != null) {
      force();
      try {
        segment.close();
      } catch (IOException e) {
        throw failure("cannot close a log segment", e);
      }
    }
    segmentPath = dir.resolve(String.format("%020d%s", firstSeq, SUFFIX));
    boolean interrupted = false;
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          segment = openSegment(segmentPath);
          segmentBytes = segment.size();
          break;
        } catch (ClosedChannelException e) {
          interrupted |= Thread.interrupted();
          if (!(e instanceof ClosedByInterruptException) && attempt >= MAX_REOPENS) {
            throw failure("cannot start a log segment: closed " + attempt + " times", e);
          }
        }
      }
    } catch (IOException e) {
      throw failure("cannot start a log segment", e);
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
    long start = segmentBytes;
    int[] positions = new int[frames.length];
    for (int i = 0; i < frames.length; i++) {
      positions[i] = frames[i].position();
    }
    boolean interrupted = false;
    try {
      for (int attempt = 1; ; attempt++) {
        FileChannel channel = segment;
        try {
          writeAll(channel, frames);
          appends.incrementAndGet();
          return;
        } catch (ClosedChannelException e) {
          interrupted |= Thread.interrupted();
          if (!(e instanceof ClosedByInterruptException) && attempt >= MAX_REOPENS) {
            throw failure("cannot append to the write-ahead log: closed " + attempt + " times", e);
          }
          interrupted |= reopen(channel, start);
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
      segment.truncate(start);
      segmentBytes = start;
    } catch (IOException ignored) {
      // The log cannot be repaired in place; recovery's checksum still rejects the torn frame.
    }
  }

  /**
   * Replaces a segment channel that an interrupt closed (unless another thread already did) and
   * cuts the file back to {@code validBytes}, the end of the last whole append (-1: leave it).
   * Returns whether it consumed an interrupt of the calling thread.
   */
  private synchronized boolean reopen(FileChannel broken, long validBytes) {
    boolean interrupted = false;
    while (true) {
      try {
        if (segment == broken || !segment.isOpen()) {
          segment = openSegment(segmentPath);
        }
        if (validBytes >= 0) {
          segment.truncate(validBytes);
          segmentBytes = validBytes;
        }
        return interrupted;
      } catch (ClosedByInterruptException e) {
        interrupted |= Thread.interrupted();
        broken = segment;
      } catch (IOException e) {
        throw failure("cannot reopen the write-ahead log after an interrupt", e);
      }
    }
  }

  private static FileChannel openSegment(Path path) throws IOException {
    return FileChannel.open(
        path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  /**
   * Forces appended records to disk. fsync works on the file, not the descriptor, so forcing a
   * reopened channel also forces what the closed one wrote.
   */
  void force() {
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
          interrupted |= reopen(channel, -1);
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
    force();
    try {
      segment.close();
    } catch (IOException e) {
      throw new KvException("cannot close the write-ahead log", e);
    }
  }
}
