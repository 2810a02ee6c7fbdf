package io.nereid.graph.tools;

import static io.nereid.graph.quad.KeyOrder.SPOG;

import io.nereid.graph.GraphStore;
import io.nereid.graph.quad.KeyOrder;
import io.nereid.graph.quad.Quad;
import io.nereid.graph.quad.QuadKind;
import io.nereid.graph.quad.QuadPattern;
import io.nereid.kv.ByteKeys;
import io.nereid.kv.KeyRange;
import io.nereid.kv.KvEntry;
import io.nereid.kv.KvIterator;
import io.nereid.kv.Snapshot;
import java.util.Arrays;

/** Point reads and shared checks of the consistency checker, all in one snapshot. */
final class Lookups {

  private final GraphStore store;
  private final Snapshot snap;
  private final ConsistencyReport report;
  private final long termLimit;

  Lookups(GraphStore store, Snapshot snap, ConsistencyReport report, long termLimit) {
    this.store = store;
    this.snap = snap;
    this.report = report;
    this.termLimit = termLimit;
  }

  /**
   * Decodes an entry of {@code order} found in partition {@code p}; null (and a problem) if bad.
   */
  Quad decode(KeyOrder order, KvEntry e, int p) {
    Quad q;
    try {
      q = order.decode(e.key());
    } catch (RuntimeException ex) {
      report.problem(
          order.spaceName()
              + "["
              + p
              + "] undecodable key "
              + ByteKeys.toHex(e.key())
              + ": "
              + ex.getMessage());
      return null;
    }
    if (!order.holds(q)) {
      report.problem(order.spaceName() + "[" + p + "] holds " + q + ", which it should not index");
    } else if (order.partitionOf(q, store.partitioner()) != p) {
      report.problem(
          order.spaceName()
              + "["
              + p
              + "] "
              + q
              + " belongs in partition "
              + order.partitionOf(q, store.partitioner()));
    }
    return q;
  }

  /** The quad's entry in {@code order}, or null. */
  byte[] get(KeyOrder order, Quad q) {
    return snap.get(
        order.partitionOf(q, store.partitioner()), store.spaces().of(order), order.key(q));
  }

  /** The quad must be in SPOG; with {@code expectedValue} non-null, with that value. */
  void requireSpog(Quad q, byte[] expectedValue, String from) {
    byte[] v = get(SPOG, q);
    if (v == null) {
      report.problem(from + " entry " + q + " has no SPOG quad");
    } else if (expectedValue != null && !Arrays.equals(v, expectedValue)) {
      report.problem(from + " entry " + q + " value differs from SPOG");
    }
  }

  /** Checks the entry of {@code q} in another order: present, and with the expected value. */
  void requireIn(KeyOrder order, Quad q, byte[] expectedValue) {
    byte[] v = get(order, q);
    if (v == null) {
      report.problem("SPOG quad " + q + " missing from " + order);
    } else if (!Arrays.equals(v, expectedValue)) {
      report.problem(
          order
              + " entry "
              + q
              + " has value "
              + ByteKeys.toHex(v)
              + ", expected "
              + ByteKeys.toHex(expectedValue));
    }
  }

  /** First entry with the pattern's prefix, in the partition of {@code placedBy}. */
  KvEntry first(KeyOrder order, QuadPattern pattern, long placedBy) {
    int p = store.partitioner().ofId(placedBy);
    try (KvIterator it =
        snap.scan(p, store.spaces().of(order), KeyRange.prefix(order.prefix(pattern)))) {
      return it.hasNext() ? it.next() : null;
    }
  }

  boolean vertexExists(long v) {
    return first(SPOG, QuadPattern.subject(v).kind(QuadKind.LABEL), v) != null;
  }

  /** The edge's GPSO quad, or null. */
  Quad edge(long e) {
    KvEntry entry = first(KeyOrder.GPSO, QuadPattern.any().g(e).kind(QuadKind.EDGE), e);
    return entry == null ? null : KeyOrder.GPSO.decode(entry.key());
  }

  boolean vertexPropertyExists(long id) {
    return first(KeyOrder.GPSO, QuadPattern.any().g(id).kind(QuadKind.VERTEX_PROPERTY), id) != null;
  }

  /** The term must resolve in the dictionary and be below the term counter. */
  void requireTerm(long term, Quad where) {
    if (term >= termLimit) {
      report.problem("term " + term + " in " + where + " is beyond the term counter " + termLimit);
    }
    if (store.storedDictionary().string(snap, term) == null) {
      report.problem("term " + term + " in " + where + " is not in the dictionary");
    }
  }

  /** The object of a property quad must decode (after its long-string term, if any, checked). */
  void requireValue(Quad q) {
    long term = ConsistencyChecker.longStringTerm(q);
    if (term >= 0) {
      requireTerm(term, q);
    }
    try {
      store.values().decode(q.o());
    } catch (RuntimeException ex) {
      report.problem("value of " + q + " does not decode: " + ex.getMessage());
    }
  }
}
