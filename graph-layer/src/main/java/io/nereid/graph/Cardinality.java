package io.nereid.graph;

/**
 * How a new vertex property value combines with existing values of the same key. Chosen per write,
 * as in TinkerPop's {@code property(cardinality, key, value)}; the store itself records no schema.
 */
public enum Cardinality {
  /** Replaces every existing value of the key (and their meta-properties). */
  SINGLE,
  /** Adds another value, even an equal one: each value is a distinct vertex property. */
  LIST,
  /** Adds the value unless an equal value (same type, {@code equals}) is already there. */
  SET
}
