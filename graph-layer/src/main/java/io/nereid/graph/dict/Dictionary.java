package io.nereid.graph.dict;

/**
 * Maps strings (labels, property keys, long string values) to compact term ids and back. Entries
 * are never removed, so a term id once handed out resolves forever and may be cached freely.
 */
public interface Dictionary {

  /** Sentinel returned by {@link #lookup} for a string that has no term. */
  long ABSENT = -1;

  /**
   * The term of {@code s}, creating it if needed. A created entry is committed before this returns,
   * so data written later that refers to the term can never point nowhere, whatever happens to the
   * transaction that writes it.
   */
  long intern(String s);

  /** The term of {@code s}, or {@link #ABSENT}. Never creates one. */
  long lookup(String s);

  /** The string of a term; {@link IllegalStateException} if the term does not exist. */
  String string(long term);
}
