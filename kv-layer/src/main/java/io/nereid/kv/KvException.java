package io.nereid.kv;

/** Base of the kv-layer's unchecked exceptions. */
public class KvException extends RuntimeException {
  public KvException(String message) {
    super(message);
  }

  public KvException(String message, Throwable cause) {
    super(message, cause);
  }
}
