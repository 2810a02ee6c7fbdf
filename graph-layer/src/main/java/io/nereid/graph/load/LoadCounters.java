package io.nereid.graph.load;

/**
 * Neptune's overallStatus counters. {@code totalRecords} counts statements, not lines: each label,
 * each property value and each edge of a row that could be parsed (duplicates and rejected
 * statements included); a row that could not be parsed counts only as a parsing error.
 */
public final class LoadCounters {

  public long totalRecords;
  public long totalDuplicates;
  public long parsingErrors;
  public long datatypeMismatchErrors;
  public long insertErrors;

  public void error(LoadErrorCode code) {
    switch (code.counter()) {
      case PARSING -> parsingErrors++;
      case DATATYPE -> datatypeMismatchErrors++;
      case INSERT -> insertErrors++;
    }
  }

  public long errors() {
    return parsingErrors + datatypeMismatchErrors + insertErrors;
  }

  public void add(LoadCounters o) {
    totalRecords += o.totalRecords;
    totalDuplicates += o.totalDuplicates;
    parsingErrors += o.parsingErrors;
    datatypeMismatchErrors += o.datatypeMismatchErrors;
    insertErrors += o.insertErrors;
  }

  public LoadCounters copy() {
    LoadCounters c = new LoadCounters();
    c.add(this);
    return c;
  }

  /** In the order of {@link #fromArray}; what the progress keys store. */
  long[] toArray() {
    return new long[] {
      totalRecords, totalDuplicates, parsingErrors, datatypeMismatchErrors, insertErrors
    };
  }

  static LoadCounters fromArray(long[] a) {
    LoadCounters c = new LoadCounters();
    c.totalRecords = a[0];
    c.totalDuplicates = a[1];
    c.parsingErrors = a[2];
    c.datatypeMismatchErrors = a[3];
    c.insertErrors = a[4];
    return c;
  }

  @Override
  public String toString() {
    return "totalRecords=" + totalRecords + ", totalDuplicates=" + totalDuplicates
        + ", parsingErrors=" + parsingErrors + ", datatypeMismatchErrors="
        + datatypeMismatchErrors + ", insertErrors=" + insertErrors;
  }
}
