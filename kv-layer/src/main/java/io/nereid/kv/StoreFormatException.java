package io.nereid.kv;

/** The directory holds a store of another format or partition count, or is not a store. */
public class StoreFormatException extends KvException {
  public StoreFormatException(String message) {
    super(message);
  }
}
