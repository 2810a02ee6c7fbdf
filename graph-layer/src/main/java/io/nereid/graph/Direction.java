package io.nereid.graph;

/** Edge direction relative to a vertex. */
public enum Direction {
  OUT,
  IN,
  BOTH
}
