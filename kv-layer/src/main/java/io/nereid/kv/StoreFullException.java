package io.nereid.kv;

/**
 * The disk is full, or the store could not grow its map. The failing commit was not applied; every
 * commit acknowledged before it is intact.
 */
public class StoreFullException extends KvException {
  public StoreFullException(String message, Throwable cause) {
    super(message, cause);
  }
}
