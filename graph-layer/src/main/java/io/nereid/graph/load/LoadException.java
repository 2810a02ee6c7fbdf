package io.nereid.graph.load;

/** A load error found while reading or applying a record; carries its Neptune error code. */
public class LoadException extends RuntimeException {

  private final LoadErrorCode code;
  private final long line;

  public LoadException(LoadErrorCode code, long line, String message) {
    super(message);
    this.code = code;
    this.line = line;
  }

  public LoadErrorCode code() {
    return code;
  }

  /** The line where the record starts (0: the whole file). */
  public long line() {
    return line;
  }

  public LoadError toError(String fileName) {
    return new LoadError(fileName, line, code, getMessage());
  }
}
