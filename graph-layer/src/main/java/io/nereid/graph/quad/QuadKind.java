package io.nereid.graph.quad;

/**
 * What a quad states. The kind is the first byte of the predicate field, so that one prefix scan of
 * SPOG reads "all properties" or "all out-edges" of a subject, and one prefix scan of POGS reads
 * "all vertices" (by label) or "all edges" without touching properties.
 *
 * <p>The byte values are part of the storage format: never renumber them. Their order makes a
 * vertex's label quad sort first among its facts, then its properties, then its out-edges.
 */
public enum QuadKind {
  /** (vertex, ~label, label term, 0): the vertex record. A vertex exists iff it has one. */
  LABEL(0x01),
  /** (vertex, key term, value, property id): one value of a vertex property. */
  VERTEX_PROPERTY(0x02),
  /** (out vertex, label term, in vertex, edge id): the edge record. */
  EDGE(0x03),
  /** (edge id, key term, value, 0). */
  EDGE_PROPERTY(0x04),
  /** (vertex property id, key term, value, 0): a meta-property. */
  META_PROPERTY(0x05);

  private static final QuadKind[] BY_CODE = new QuadKind[6];

  static {
    for (QuadKind k : values()) {
      BY_CODE[k.code] = k;
    }
  }

  private final int code;

  QuadKind(int code) {
    this.code = code;
  }

  public byte code() {
    return (byte) code;
  }

  public static QuadKind ofCode(byte b) {
    int c = b & 0xFF;
    if (c >= BY_CODE.length || BY_CODE[c] == null) {
      throw new IllegalArgumentException("unknown quad kind 0x" + Integer.toHexString(c));
    }
    return BY_CODE[c];
  }

  /** LABEL has a fixed predicate (~label), so its predicate field is the kind byte alone. */
  public boolean hasPredicateTerm() {
    return this != LABEL;
  }

  /** The object is an id (a label term or a vertex id), not a typed value. */
  public boolean objectIsId() {
    return this == LABEL || this == EDGE;
  }

  public boolean isProperty() {
    return this == VERTEX_PROPERTY || this == EDGE_PROPERTY || this == META_PROPERTY;
  }

  /** Kinds whose graph field carries an id (edge id or vertex property id). */
  public boolean hasGraphId() {
    return this == VERTEX_PROPERTY || this == EDGE;
  }
}
