package io.nereid.graph.load;

/** Neptune's load and feed status values (the ones a local load can reach are documented). */
public enum LoadStatus {
  LOAD_NOT_STARTED,
  LOAD_IN_QUEUE,
  LOAD_IN_PROGRESS,
  /** Every file loaded without an error. */
  LOAD_COMPLETED,
  LOAD_CANCELLED_BY_USER,
  LOAD_CANCELLED_DUE_TO_ERRORS,
  LOAD_UNEXPECTED_ERROR,
  /** Some record failed: with failOnError the load stopped there, otherwise it was skipped. */
  LOAD_FAILED,
  LOAD_S3_READ_ERROR,
  LOAD_S3_ACCESS_DENIED_ERROR,
  LOAD_COMMITTED_W_WRITE_CONFLICTS,
  LOAD_DATA_DEADLOCK,
  LOAD_DATA_FAILED_DUE_TO_FEED_MODIFIED_OR_DELETED,
  LOAD_FAILED_BECAUSE_DEPENDENCY_NOT_SATISFIED,
  LOAD_FAILED_INVALID_REQUEST;

  public boolean isFinal() {
    return this != LOAD_NOT_STARTED && this != LOAD_IN_QUEUE && this != LOAD_IN_PROGRESS;
  }
}
