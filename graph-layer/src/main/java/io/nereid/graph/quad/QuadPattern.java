package io.nereid.graph.quad;

/**
 * A quad with some fields bound, for building scan prefixes. A {@link KeyOrder} turns the bound
 * fields into a key prefix as long as they lead its field sequence; the first unbound field ends
 * the prefix (later bound fields are the caller's to filter). Immutable; each setter returns a
 * copy.
 */
public final class QuadPattern {

  final Long s;
  final QuadKind kind;
  final Long p;
  final byte[] o;
  final Long g;

  private QuadPattern(Long s, QuadKind kind, Long p, byte[] o, Long g) {
    this.s = s;
    this.kind = kind;
    this.p = p;
    this.o = o;
    this.g = g;
  }

  public static QuadPattern any() {
    return new QuadPattern(null, null, null, null, null);
  }

  public static QuadPattern subject(long s) {
    return any().s(s);
  }

  public static QuadPattern of(QuadKind kind) {
    return any().kind(kind);
  }

  public QuadPattern s(long v) {
    return new QuadPattern(v, kind, p, o, g);
  }

  public QuadPattern kind(QuadKind k) {
    return new QuadPattern(s, k, p, o, g);
  }

  public QuadPattern p(long v) {
    return new QuadPattern(s, kind, v, o, g);
  }

  /** Binds the object to encoded bytes (a value, or a varint id). */
  public QuadPattern o(byte[] v) {
    return new QuadPattern(s, kind, p, v, g);
  }

  public QuadPattern oId(long id) {
    return o(io.nereid.kv.codec.UnsignedVarint.encode(id));
  }

  public QuadPattern g(long v) {
    return new QuadPattern(s, kind, p, o, v);
  }

  /** The bound subject; {@link IllegalStateException} if it is not bound. */
  public long subjectOrThrow() {
    if (s == null) {
      throw new IllegalStateException("subject not bound");
    }
    return s;
  }

  boolean predicateBound() {
    return p != null || (kind != null && !kind.hasPredicateTerm());
  }
}
