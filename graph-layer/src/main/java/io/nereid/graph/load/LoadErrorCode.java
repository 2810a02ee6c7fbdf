package io.nereid.graph.load;

/**
 * Error codes of a load, as Neptune's {@code errorLogs[].errorCode}, each counted in one of the
 * overallStatus counters. {@link #DATATYPE_MISMATCH} is ours: Neptune counts such records in
 * {@code datatypeMismatchErrors} but names no code for them, and a distinct code lets a user tell
 * "bad value" from "bad CSV".
 */
public enum LoadErrorCode {
  /** Malformed CSV or header: quotes, column counts, system columns, unknown types, UTF-8. */
  PARSING_ERROR(Counter.PARSING),
  /** A value that does not fit its declared type (not a number, out of range, bad date). */
  DATATYPE_MISMATCH(Counter.DATATYPE),
  /** An edge whose {@code ~from} or {@code ~to} vertex does not exist: the edge is not inserted. */
  FROM_OR_TO_VERTEX_ARE_MISSING(Counter.INSERT),
  /** An edge id already used by an edge with other ends or another label. */
  ID_ASSIGNED_TO_MULTIPLE_EDGES(Counter.INSERT),
  /** A second, different value for a single-cardinality property (or an edge property). */
  SINGLE_CARDINALITY_VIOLATION(Counter.INSERT),
  /** A file that disappeared or could not be read (including a corrupt .gz or .bz2 stream). */
  FILE_MODIFICATION_OR_DELETION_ERROR(Counter.PARSING),
  /** A failure of the loader itself; the load stops. */
  INTERNAL_ERROR(Counter.INSERT);

  /** Which overallStatus counter an error increments. */
  public enum Counter {
    PARSING,
    DATATYPE,
    INSERT
  }

  private final Counter counter;

  LoadErrorCode(Counter counter) {
    this.counter = counter;
  }

  public Counter counter() {
    return counter;
  }
}
