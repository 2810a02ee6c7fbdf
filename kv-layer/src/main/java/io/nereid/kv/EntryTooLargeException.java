package io.nereid.kv;

/** A key or value exceeds what the store accepts; thrown by the put, before anything is written. */
public class EntryTooLargeException extends KvException {
  public EntryTooLargeException(String message) {
    super(message);
  }
}
