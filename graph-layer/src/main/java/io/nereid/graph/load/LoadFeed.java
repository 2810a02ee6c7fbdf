package io.nereid.graph.load;

/**
 * One file of a load (Neptune's "feed"): what it is, how far it is loaded, its counters. The
 * position ({@link #recordsDone}) counts CSV records after the header, malformed ones included,
 * and is committed with the data: a resumed load skips exactly that many records.
 */
public final class LoadFeed {

  final int index;
  final String path;
  final FileHeader.Kind kind;
  final long size;
  final long modified;
  LoadStatus status = LoadStatus.LOAD_NOT_STARTED;
  long recordsDone;
  boolean done;
  final LoadCounters counters = new LoadCounters();

  LoadFeed(int index, String path, FileHeader.Kind kind, long size, long modified) {
    this.index = index;
    this.path = path;
    this.kind = kind;
    this.size = size;
    this.modified = modified;
  }

  public int index() {
    return index;
  }

  public String path() {
    return path;
  }

  /** VERTEX or EDGE; null when the header could not be read. */
  public FileHeader.Kind kind() {
    return kind;
  }

  public long size() {
    return size;
  }

  public long modified() {
    return modified;
  }

  public LoadStatus status() {
    return status;
  }

  public long recordsDone() {
    return recordsDone;
  }

  public boolean done() {
    return done;
  }

  public LoadCounters counters() {
    return counters;
  }
}
