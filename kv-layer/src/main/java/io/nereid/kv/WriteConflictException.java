package io.nereid.kv;

/**
 * A transaction lost a write-write conflict: a transaction that committed after it began wrote one
 * of the same keys. Nothing of the losing transaction was written. Retryable: run it again.
 */
public class WriteConflictException extends KvException {
  public WriteConflictException(String message) {
    super(message);
  }
}
