package io.nereid.graph.tools;

import static io.nereid.graph.quad.KeyOrder.GPSO;
import static io.nereid.graph.quad.KeyOrder.OSGP;
import static io.nereid.graph.quad.KeyOrder.POGS;
import static io.nereid.graph.quad.KeyOrder.SPOG;

import io.nereid.graph.GraphSpaces;
import io.nereid.graph.GraphStore;
import io.nereid.graph.dict.BlockAllocator;
import io.nereid.graph.dict.ExternalIds;
import io.nereid.graph.quad.KeyOrder;
import io.nereid.graph.quad.Partitioner;
import io.nereid.graph.quad.Quad;
import io.nereid.graph.quad.QuadKind;
import io.nereid.graph.quad.QuadPattern;
import io.nereid.graph.value.ValueCodec;
import io.nereid.kv.ByteKeys;
import io.nereid.kv.KeyRange;
import io.nereid.kv.KvEntry;
import io.nereid.kv.KvIterator;
import io.nereid.kv.Snapshot;
import io.nereid.kv.codec.FixedLong;
import io.nereid.kv.codec.UnsignedVarint;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Verifies a graph store against its invariants, in one kv snapshot, partition by partition:
 *
 * <ul>
 *   <li>every SPOG quad is in the right partition and has its POGS, GPSO and OSGP entries (where
 *       those orders hold it) with the expected values, and every entry of the other three orders
 *       has its SPOG quad: the four orders describe the same quads;
 *   <li>no dangling edge (both ends have a vertex record), no orphaned property (its vertex, edge
 *       or vertex property exists), one label per vertex, ids in their owner's partition;
 *   <li>every term id resolves, the dictionary's two directions agree, every external id maps to
 *       the element that records it and back, ids are below their allocation counters;
 *   <li>every statistic equals the count recomputed from the quads.
 * </ul>
 *
 * Memory: the recomputed statistics of one partition.
 */
public final class ConsistencyChecker {

  private final GraphStore store;
  private final GraphSpaces spaces;
  private final Partitioner partitioner;

  public ConsistencyChecker(GraphStore store) {
    this.store = store;
    this.spaces = store.spaces();
    this.partitioner = store.partitioner();
  }

  public ConsistencyReport check() {
    ConsistencyReport report = new ConsistencyReport();
    try (Snapshot snap = store.kv().snapshot()) {
      long elementLimit = counter(snap, "element");
      long termLimit = counter(snap, "term");
      Lookups lookups = new Lookups(store, snap, report, termLimit);
      for (int p = 0; p < partitioner.count(); p++) {
        ExpectedStats expected = new ExpectedStats();
        new SubjectWalk(store, snap, lookups, report, expected, elementLimit).walk(p);
        walkInEdges(snap, p, lookups, report, expected);
        walkBackToSpog(snap, p, POGS, lookups, report);
        walkBackToSpog(snap, p, GPSO, lookups, report);
        expected.compare(snap, spaces.stats(), p, report);
        new DictionaryWalk(store, snap, report, termLimit).walk(p);
        walkExternalIds(snap, p, lookups, report);
      }
    }
    return report;
  }

  private long counter(Snapshot snap, String name) {
    byte[] v = snap.get(0, spaces.meta(), BlockAllocator.counterKey(name));
    return v == null ? Long.MAX_VALUE : FixedLong.read(v, 0);
  }

  /**
   * OSGP entries: each is an edge whose SPOG record exists with the same value; counts in-degrees.
   */
  private void walkInEdges(
      Snapshot snap, int p, Lookups lookups, ConsistencyReport report, ExpectedStats expected) {
    try (KvIterator it = snap.scan(p, spaces.osgp(), KeyRange.all())) {
      while (it.hasNext()) {
        KvEntry e = it.next();
        report.count("osgp");
        Quad q = lookups.decode(OSGP, e, p);
        if (q == null) {
          continue;
        }
        lookups.requireSpog(q, e.value(), "osgp");
        expected.inEdge(q);
      }
    }
  }

  /** POGS and GPSO entries: each has its SPOG quad. Values were checked from the SPOG side. */
  private void walkBackToSpog(
      Snapshot snap, int p, KeyOrder order, Lookups lookups, ConsistencyReport report) {
    try (KvIterator it = snap.scan(p, spaces.of(order), KeyRange.all())) {
      while (it.hasNext()) {
        KvEntry e = it.next();
        report.count(order.spaceName());
        Quad q = lookups.decode(order, e, p);
        if (q != null) {
          lookups.requireSpog(q, null, order.spaceName());
        }
      }
    }
  }

  /** xid entries: each names an existing element whose record carries the same external id. */
  private void walkExternalIds(Snapshot snap, int p, Lookups lookups, ConsistencyReport report) {
    try (KvIterator it = snap.scan(p, spaces.xid(), KeyRange.all())) {
      while (it.hasNext()) {
        KvEntry e = it.next();
        report.count("xid");
        byte[] k = e.key();
        long id = UnsignedVarint.read(e.value(), 0);
        boolean vertex = k[0] == ExternalIds.Kind.VERTEX.code();
        KvEntry record =
            vertex
                ? lookups.first(SPOG, QuadPattern.subject(id).kind(QuadKind.LABEL), id)
                : lookups.first(GPSO, QuadPattern.any().g(id).kind(QuadKind.EDGE), id);
        if (record == null) {
          report.problem(
              "xid "
                  + ByteKeys.toHex(k)
                  + " -> "
                  + id
                  + ": no such "
                  + (vertex ? "vertex" : "edge"));
          continue;
        }
        String ext = new String(record.value(), StandardCharsets.UTF_8);
        ExternalIds.Kind kind = vertex ? ExternalIds.Kind.VERTEX : ExternalIds.Kind.EDGE;
        if (!Arrays.equals(ExternalIds.key(kind, ext), k) || partitioner.ofString(ext) != p) {
          report.problem(
              "xid "
                  + ByteKeys.toHex(k)
                  + " in partition "
                  + p
                  + " does not match external id '"
                  + ext
                  + "' of "
                  + id);
        }
      }
    }
  }

  static String describe(Quad q) {
    return q.toString();
  }

  static boolean isValueQuad(Quad q) {
    return !q.kind().objectIsId();
  }

  static long longStringTerm(Quad q) {
    return isValueQuad(q) ? ValueCodec.longStringTerm(q.o(), 0) : -1;
  }
}
