package io.nereid.graph.tools;

import static io.nereid.graph.quad.KeyOrder.GPSO;
import static io.nereid.graph.quad.KeyOrder.OSGP;
import static io.nereid.graph.quad.KeyOrder.POGS;
import static io.nereid.graph.quad.KeyOrder.SPOG;

import io.nereid.graph.GraphStore;
import io.nereid.graph.dict.ExternalIds;
import io.nereid.graph.quad.Partitioner;
import io.nereid.graph.quad.Quad;
import io.nereid.kv.KeyRange;
import io.nereid.kv.KvEntry;
import io.nereid.kv.KvIterator;
import io.nereid.kv.Snapshot;
import io.nereid.kv.codec.UnsignedVarint;
import java.nio.charset.StandardCharsets;

/**
 * Walks SPOG of one partition subject by subject (a subject's quads are contiguous, its label
 * first) and checks each quad against the other orders, its owner and its ends; recounts the
 * partition's statistics on the way.
 */
final class SubjectWalk {

  private static final byte[] EMPTY = new byte[0];

  /** What a subject id names, from the kinds of its quads; ids never serve two kinds. */
  private enum SubjectType {
    VERTEX,
    EDGE,
    VERTEX_PROPERTY
  }

  private final GraphStore store;
  private final Snapshot snap;
  private final Lookups lookups;
  private final ConsistencyReport report;
  private final ExpectedStats expected;
  private final Partitioner partitioner;
  private final long elementLimit;

  private long subject = -1;
  private SubjectType subjectType;
  private Quad label; // the current vertex's label quad
  private Quad owner; // the current edge's GPSO quad, for edge properties

  SubjectWalk(
      GraphStore store,
      Snapshot snap,
      Lookups lookups,
      ConsistencyReport report,
      ExpectedStats expected,
      long elementLimit) {
    this.store = store;
    this.snap = snap;
    this.lookups = lookups;
    this.report = report;
    this.expected = expected;
    this.partitioner = store.partitioner();
    this.elementLimit = elementLimit;
  }

  void walk(int p) {
    try (KvIterator it = snap.scan(p, store.spaces().spog(), KeyRange.all())) {
      while (it.hasNext()) {
        KvEntry e = it.next();
        report.count("spog");
        Quad q = lookups.decode(SPOG, e, p);
        if (q != null) {
          check(q, e.value());
        }
      }
    }
  }

  private void check(Quad q, byte[] value) {
    if (q.s() != subject) {
      subject = q.s();
      subjectType = null;
      label = null;
      owner = null;
    }
    SubjectType type =
        switch (q.kind()) {
          case LABEL, VERTEX_PROPERTY, EDGE -> SubjectType.VERTEX;
          case EDGE_PROPERTY -> SubjectType.EDGE;
          case META_PROPERTY -> SubjectType.VERTEX_PROPERTY;
        };
    if (subjectType != null && subjectType != type) {
      report.problem(
          "id " + q.s() + " is the subject of both " + subjectType + " and " + type + " quads");
    }
    subjectType = type;
    if (q.s() >= elementLimit || q.g() >= elementLimit) {
      report.problem(q + " uses an id beyond the element counter " + elementLimit);
    }
    if (q.kind().hasPredicateTerm()) {
      lookups.requireTerm(q.p(), q);
    }
    switch (q.kind()) {
      case LABEL -> label(q, value);
      case VERTEX_PROPERTY -> vertexProperty(q, value);
      case EDGE -> edge(q, value);
      case EDGE_PROPERTY -> edgeProperty(q, value);
      case META_PROPERTY -> metaProperty(q, value);
    }
  }

  private void label(Quad q, byte[] externalId) {
    if (label != null) {
      report.problem("vertex " + q.s() + " has a second label quad " + q);
    }
    label = q;
    lookups.requireTerm(q.objectId(), q);
    lookups.requireIn(POGS, q, externalId);
    requireExternalId(ExternalIds.Kind.VERTEX, externalId, q.s(), q);
    expected.vertex(q);
  }

  private void vertexProperty(Quad q, byte[] value) {
    requireEmpty(q, value);
    if (label == null) {
      report.problem("orphaned vertex property " + q + ": vertex " + q.s() + " does not exist");
      return;
    }
    samePartition(q.g(), q);
    lookups.requireValue(q);
    lookups.requireIn(POGS, q, UnsignedVarint.encode(label.objectId()));
    lookups.requireIn(GPSO, q, EMPTY);
    expected.property(q);
  }

  private void edge(Quad q, byte[] externalId) {
    if (label == null) {
      report.problem("dangling edge " + q + ": out-vertex " + q.s() + " does not exist");
    }
    if (!lookups.vertexExists(q.objectId())) {
      report.problem("dangling edge " + q + ": in-vertex " + q.objectId() + " does not exist");
    }
    samePartition(q.g(), q);
    lookups.requireIn(POGS, q, externalId);
    lookups.requireIn(GPSO, q, externalId);
    lookups.requireIn(OSGP, q, externalId);
    requireExternalId(ExternalIds.Kind.EDGE, externalId, q.g(), q);
    expected.outEdge(q);
  }

  private void edgeProperty(Quad q, byte[] value) {
    requireEmpty(q, value);
    if (owner == null) {
      owner = lookups.edge(q.s());
    }
    if (owner == null) {
      report.problem("orphaned edge property " + q + ": edge " + q.s() + " does not exist");
      return;
    }
    lookups.requireValue(q);
    lookups.requireIn(POGS, q, UnsignedVarint.encode(owner.p()));
    expected.property(q);
  }

  private void metaProperty(Quad q, byte[] value) {
    requireEmpty(q, value);
    if (!lookups.vertexPropertyExists(q.s())) {
      report.problem(
          "orphaned meta-property " + q + ": vertex property " + q.s() + " does not exist");
      return;
    }
    lookups.requireValue(q);
    lookups.requireIn(POGS, q, EMPTY);
    expected.property(q);
  }

  private void requireExternalId(ExternalIds.Kind kind, byte[] externalId, long id, Quad q) {
    String ext = new String(externalId, StandardCharsets.UTF_8);
    long mapped = store.externalIds().lookup(snap, kind, ext);
    if (mapped != id) {
      report.problem(
          q
              + ": external id '"
              + ext
              + "' maps to "
              + (mapped < 0 ? "nothing" : mapped)
              + ", not "
              + id);
    }
  }

  private void samePartition(long id, Quad q) {
    if (partitioner.ofId(id) != partitioner.ofId(q.s())) {
      report.problem(q + ": id " + id + " is not in the partition of its owner " + q.s());
    }
  }

  private void requireEmpty(Quad q, byte[] value) {
    if (value.length != 0) {
      report.problem("SPOG " + q + " should have an empty value");
    }
  }
}
