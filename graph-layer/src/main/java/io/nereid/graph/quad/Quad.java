package io.nereid.graph.quad;

import io.nereid.kv.codec.UnsignedVarint;
import java.util.Arrays;

/**
 * One fact: subject, predicate (kind + term id), object, graph. The object is kept encoded: for
 * {@link QuadKind#objectIsId() id objects} it is a varint, otherwise a typed value as written by
 * {@link io.nereid.graph.value.ValueCodec}. Encoded bytes compare in key order, which is all the
 * key orders need; decoding a value is the caller's business.
 *
 * @param s subject: vertex id, edge id, or vertex property id
 * @param kind the predicate kind
 * @param p the predicate term (label or key), 0 for {@link QuadKind#LABEL}
 * @param o the encoded object
 * @param g edge id or vertex property id, 0 for none
 */
public record Quad(long s, QuadKind kind, long p, byte[] o, long g) {

  public Quad {
    if (!kind.hasPredicateTerm() && p != 0) {
      throw new IllegalArgumentException("LABEL quads have no predicate term");
    }
    if (kind.hasGraphId() != (g != 0)) {
      throw new IllegalArgumentException(
          kind + " quads " + (g == 0 ? "need" : "have no") + " a graph id");
    }
  }

  public static Quad label(long vertex, long labelTerm) {
    return new Quad(vertex, QuadKind.LABEL, 0, UnsignedVarint.encode(labelTerm), 0);
  }

  public static Quad edge(long out, long labelTerm, long in, long edge) {
    return new Quad(out, QuadKind.EDGE, labelTerm, UnsignedVarint.encode(in), edge);
  }

  public static Quad vertexProperty(long vertex, long keyTerm, byte[] value, long propertyId) {
    return new Quad(vertex, QuadKind.VERTEX_PROPERTY, keyTerm, value, propertyId);
  }

  public static Quad edgeProperty(long edge, long keyTerm, byte[] value) {
    return new Quad(edge, QuadKind.EDGE_PROPERTY, keyTerm, value, 0);
  }

  public static Quad metaProperty(long propertyId, long keyTerm, byte[] value) {
    return new Quad(propertyId, QuadKind.META_PROPERTY, keyTerm, value, 0);
  }

  /** The object as an id: the label term of a LABEL quad, the in-vertex of an EDGE quad. */
  public long objectId() {
    if (!kind.objectIsId()) {
      throw new IllegalStateException(kind + " quads have a value object");
    }
    return UnsignedVarint.read(o, 0);
  }

  @Override
  public boolean equals(Object x) {
    return x instanceof Quad q
        && s == q.s
        && kind == q.kind
        && p == q.p
        && g == q.g
        && Arrays.equals(o, q.o);
  }

  @Override
  public int hashCode() {
    return ((Long.hashCode(s) * 31 + kind.hashCode()) * 31 + Long.hashCode(p)) * 31
        + Arrays.hashCode(o) * 7
        + Long.hashCode(g);
  }

  @Override
  public String toString() {
    return "("
        + s
        + ", "
        + kind
        + (kind.hasPredicateTerm() ? ":" + p : "")
        + ", "
        + (kind.objectIsId() ? Long.toString(objectId()) : "0x" + io.nereid.kv.ByteKeys.toHex(o))
        + ", "
        + g
        + ")";
  }
}
