package io.nereid.graph.quad;

import io.nereid.graph.value.ValueCodec;
import io.nereid.kv.codec.KeyBuilder;
import io.nereid.kv.codec.UnsignedVarint;

/**
 * The four quad indexes. Each order is a permutation of the quad fields (subject, predicate kind,
 * predicate term, object, graph), lives in its own key space, and places a quad by its subject or,
 * for OSGP, by its object. Keys are the concatenated fields; every field encoding is prefix-free
 * (varints are length-prefixed, values are tagged and fixed-width or terminated), so a prefix of
 * leading fields selects exactly the quads with those fields.
 */
public enum KeyOrder {
  /** Facts of a subject: label, properties, out-edges. In the subject's partition. */
  SPOG("spog", Partitioning.SUBJECT, Field.S, Field.K, Field.P, Field.O, Field.G),
  /** Every label, property value and edge label: has(), hasLabel(), g.E(). Subject's partition. */
  POGS("pogs", Partitioning.SUBJECT, Field.K, Field.P, Field.O, Field.G, Field.S),
  /** By graph id: edge by id, vertex property by id. Subject's partition (= the id's partition). */
  GPSO("gpso", Partitioning.SUBJECT, Field.G, Field.K, Field.P, Field.S, Field.O),
  /** In-edges, in the partition of the in-vertex (the object). Holds EDGE quads only. */
  OSGP("osgp", Partitioning.OBJECT, Field.O, Field.S, Field.G, Field.K, Field.P);

  /** Quad fields; the kind byte is a field of its own so that prefixes may stop after it. */
  enum Field {
    S,
    K,
    P,
    O,
    G
  }

  /** Which id decides a quad's partition in this order. */
  public enum Partitioning {
    SUBJECT,
    OBJECT
  }

  private final String spaceName;
  private final Partitioning partitioning;
  private final Field[] fields;

  KeyOrder(String spaceName, Partitioning partitioning, Field... fields) {
    this.spaceName = spaceName;
    this.partitioning = partitioning;
    this.fields = fields;
  }

  public String spaceName() {
    return spaceName;
  }

  public Partitioning partitioning() {
    return partitioning;
  }

  /** The field sequence, e.g. "SKPOG", for documentation and tools. */
  public String fieldSequence() {
    StringBuilder sb = new StringBuilder();
    for (Field f : fields) {
      sb.append(f.name());
    }
    return sb.toString();
  }

  /** Whether this order indexes the quad: GPSO only quads with a graph id, OSGP only edges. */
  public boolean holds(Quad q) {
    return switch (this) {
      case SPOG, POGS -> true;
      case GPSO -> q.g() != 0;
      case OSGP -> q.kind() == QuadKind.EDGE;
    };
  }

  /** The partition this order stores the quad in. */
  public int partitionOf(Quad q, Partitioner partitioner) {
    return partitioner.ofId(partitioning == Partitioning.OBJECT ? q.objectId() : q.s());
  }

  public byte[] key(Quad q) {
    if (!holds(q)) {
      throw new IllegalArgumentException(this + " does not hold " + q);
    }
    KeyBuilder kb = new KeyBuilder(32 + q.o().length);
    for (Field f : fields) {
      switch (f) {
        case S -> kb.varint(q.s());
        case K -> kb.byteValue(q.kind().code());
        case P -> {
          if (q.kind().hasPredicateTerm()) {
            kb.varint(q.p());
          }
        }
        case O -> kb.bytes(q.o());
        case G -> kb.varint(q.g());
      }
    }
    return kb.build();
  }

  /** The key prefix for the leading bound fields of {@code pattern} in this order. */
  public byte[] prefix(QuadPattern pattern) {
    KeyBuilder kb = new KeyBuilder(32);
    for (Field f : fields) {
      switch (f) {
        case S -> {
          if (pattern.s == null) return kb.build();
          kb.varint(pattern.s);
        }
        case K -> {
          if (pattern.kind == null) return kb.build();
          kb.byteValue(pattern.kind.code());
        }
        case P -> {
          if (!pattern.predicateBound()) return kb.build();
          if (pattern.kind == null) {
            throw new IllegalArgumentException("a predicate term needs its kind");
          }
          if (pattern.kind.hasPredicateTerm()) kb.varint(pattern.p);
        }
        case O -> {
          if (pattern.o == null) return kb.build();
          kb.bytes(pattern.o);
        }
        case G -> {
          if (pattern.g == null) return kb.build();
          kb.varint(pattern.g);
        }
      }
    }
    return kb.build();
  }

  /** Parses a key of this order back into its quad. */
  public Quad decode(byte[] key) {
    long s = 0;
    long p = 0;
    long g = 0;
    QuadKind kind = this == OSGP ? QuadKind.EDGE : null;
    byte[] o = null;
    int pos = 0;
    for (Field f : fields) {
      switch (f) {
        case S -> {
          s = UnsignedVarint.read(key, pos);
          pos += UnsignedVarint.lengthAt(key, pos);
        }
        case K -> {
          QuadKind k = QuadKind.ofCode(key[pos++]);
          if (kind != null && k != kind) {
            throw new IllegalArgumentException(this + " key of kind " + k);
          }
          kind = k;
        }
        case P -> {
          if (kind.hasPredicateTerm()) {
            p = UnsignedVarint.read(key, pos);
            pos += UnsignedVarint.lengthAt(key, pos);
          }
        }
        case O -> {
          int len =
              kind.objectIsId() ? UnsignedVarint.lengthAt(key, pos) : ValueCodec.lengthAt(key, pos);
          o = java.util.Arrays.copyOfRange(key, pos, pos + len);
          pos += len;
        }
        case G -> {
          g = UnsignedVarint.read(key, pos);
          pos += UnsignedVarint.lengthAt(key, pos);
        }
      }
    }
    if (pos != key.length) {
      throw new IllegalArgumentException(
          this + " key has " + (key.length - pos) + " trailing bytes");
    }
    return new Quad(s, kind, p, o, g);
  }
}
