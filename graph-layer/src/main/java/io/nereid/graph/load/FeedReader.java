package io.nereid.graph.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the files of a run, one after another, in a thread of its own, and hands parsed rows to
 * the loader in chunks through a bounded queue, so that parsing overlaps with writing. A file
 * partly loaded by an earlier run is re-read from its start and its first {@code recordsDone}
 * records are skipped (a compressed file cannot be entered in the middle, and counting records,
 * not bytes, is exact whatever the line breaks inside quoted fields).
 */
final class FeedReader implements Runnable {

  /** What the reader hands over; {@code record} counts CSV records after the header from 1. */
  record Item(Kind kind, LoadFeed feed, long record, LoadRow row, List<LoadException> errors) {}

  enum Kind {
    /** A parsed row, with its statement-level errors. */
    ROW,
    /** A record that could not be parsed: {@code errors} holds its PARSING_ERROR. */
    BAD_ROW,
    /** The file cannot be loaded further (bad header, read error); {@code record} = position. */
    FEED_FAILED,
    /** The file was read to its end; {@code record} = records in it. */
    FEED_END,
    /** No more files. */
    END
  }

  private static final int CHUNK = 1024;

  private final List<LoadFeed> feeds;
  private final LoadOptions options;
  private final BlockingQueue<List<Item>> queue;
  private final AtomicLong rawBytes;
  private volatile boolean stopped;
  private List<Item> chunk = new ArrayList<>(CHUNK);

  FeedReader(List<LoadFeed> feeds, LoadOptions options, BlockingQueue<List<Item>> queue,
      AtomicLong rawBytes) {
    this.feeds = feeds;
    this.options = options;
    this.queue = queue;
    this.rawBytes = rawBytes;
  }

  /** Makes the reader stop at its next chunk (the loader no longer takes items). */
  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    try {
      for (LoadFeed f : feeds) {
        if (!f.done() && !stopped) {
          read(f);
        }
      }
      emit(new Item(Kind.END, null, 0, null, List.of()));
      flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void read(LoadFeed f) throws InterruptedException {
    long record = 0;
    long[] line = {0}; // where reading stopped, for a read error
    try (CsvTokenizer t = new CsvTokenizer(SourceFiles.open(Path.of(f.path()), rawBytes))) {
      line[0] = 1;
      CsvRecord r = new CsvRecord();
      if (!t.next(r)) {
        throw new LoadException(LoadErrorCode.PARSING_ERROR, 1, "the file is empty (no header)");
      }
      RowParser parser = new RowParser(HeaderParser.parse(r), options.allowEmptyStrings());
      while (!stopped) {
        boolean more;
        try {
          line[0] = t.line();
          more = t.next(r);
        } catch (LoadException e) {
          record++;
          if (record > f.recordsDone()) {
            emit(new Item(Kind.BAD_ROW, f, record, null, List.of(e)));
          }
          continue;
        }
        if (!more) {
          break;
        }
        record++;
        if (record <= f.recordsDone()) {
          continue; // loaded by an earlier run
        }
        List<LoadException> valueErrors = new ArrayList<>(0);
        try {
          LoadRow row = parser.parse(r, valueErrors);
          emit(new Item(Kind.ROW, f, record, row, valueErrors));
        } catch (LoadException e) {
          emit(new Item(Kind.BAD_ROW, f, record, null, List.of(e)));
        }
      }
      emit(new Item(Kind.FEED_END, f, record, null, List.of()));
    } catch (LoadException e) {
      emit(new Item(Kind.FEED_FAILED, f, record, null, List.of(e)));
    } catch (IOException | RuntimeException e) {
      emit(new Item(Kind.FEED_FAILED, f, record, null, List.of(new LoadException(
          LoadErrorCode.FILE_MODIFICATION_OR_DELETION_ERROR, line[0],
          "cannot read the file" + (line[0] > 0 ? " beyond this line" : "") + ": " + e))));
    }
  }

  private void emit(Item item) throws InterruptedException {
    chunk.add(item);
    if (chunk.size() == CHUNK || item.kind() != Kind.ROW) {
      flush();
    }
  }

  private void flush() throws InterruptedException {
    if (!chunk.isEmpty()) {
      queue.put(chunk);
      chunk = new ArrayList<>(CHUNK);
    }
  }
}
