package io.nereid.graph;

import static io.nereid.graph.quad.KeyOrder.OSGP;
import static io.nereid.graph.quad.KeyOrder.SPOG;

import io.nereid.graph.dict.Dictionary;
import io.nereid.graph.quad.QuadKind;
import io.nereid.graph.quad.QuadPattern;
import io.nereid.graph.stats.Statistics;
import io.nereid.kv.KvEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Edges of one vertex. Out-edges are SPOG (v, EDGE[, label]) in v's partition: one prefix scan per
 * label. In-edges are OSGP (v) in v's partition (OSGP is placed by its object): one prefix scan,
 * labels filtered on the decoded key. Both: out then in (a self-loop appears in both, as in
 * TinkerPop). Edge-property filters read the edge's SPOG properties in the out-vertex partition.
 */
final class Adjacency {

  private final GraphReader r;

  Adjacency(GraphReader r) {
    this.r = r;
  }

  CloseableIterator<EdgeRecord> edges(
      long v, Direction direction, Collection<String> labels, PropertyFilter filter) {
    long[] terms = labelTerms(labels);
    if (terms != null && terms.length == 0) {
      return CloseableIterator.empty(); // none of the labels was ever used
    }
    CloseableIterator<EdgeRecord> edges =
        switch (direction) {
          case OUT -> out(v, terms);
          case IN -> in(v, terms);
          case BOTH -> CloseableIterator.concat(List.of(() -> out(v, terms), () -> in(v, terms)));
        };
    return filter == null ? edges : withProperty(edges, filter);
  }

  long degree(long v, Direction direction, Collection<String> labels) {
    if (direction == Direction.BOTH) {
      return degree(v, Direction.OUT, labels) + degree(v, Direction.IN, labels);
    }
    byte dir = direction == Direction.OUT ? Statistics.OUT : Statistics.IN;
    if (labels.isEmpty()) {
      return r.statistics.degree(r.kv, v, dir);
    }
    long sum = 0;
    for (long t : labelTerms(labels)) {
      sum += r.statistics.degree(r.kv, v, dir, t);
    }
    return sum;
  }

  /** Term ids of the labels that exist; null for "all labels". */
  private long[] labelTerms(Collection<String> labels) {
    if (labels.isEmpty()) {
      return null;
    }
    // A loop, not a stream: this runs once per adjacency step and traverser, and a stream's setup
    // costs more than the one or two dictionary lookups it wraps.
    long[] terms = new long[labels.size()];
    int n = 0;
    for (String label : labels) {
      long t = r.dictionary.lookup(label);
      if (t != Dictionary.ABSENT && !contains(terms, n, t)) {
        terms[n++] = t;
      }
    }
    return n == terms.length ? terms : java.util.Arrays.copyOf(terms, n);
  }

  private static boolean contains(long[] terms, int n, long t) {
    for (int i = 0; i < n; i++) {
      if (terms[i] == t) {
        return true;
      }
    }
    return false;
  }

  private CloseableIterator<EdgeRecord> out(long v, long[] terms) {
    int partition = r.partitioner.ofId(v);
    QuadPattern edges = QuadPattern.subject(v).kind(QuadKind.EDGE);
    if (terms == null) {
      return outScan(partition, edges);
    }
    List<Supplier<CloseableIterator<EdgeRecord>>> perLabel = new ArrayList<>();
    for (long t : terms) {
      perLabel.add(() -> outScan(partition, edges.p(t)));
    }
    return CloseableIterator.concat(perLabel);
  }

  private CloseableIterator<EdgeRecord> outScan(int partition, QuadPattern pattern) {
    return r.scans
        .prefix(SPOG, partition, SPOG.prefix(pattern))
        .map(e -> r.toEdge(SPOG.decode(e.key()), e.value()));
  }

  private CloseableIterator<EdgeRecord> in(long v, long[] terms) {
    CloseableIterator<KvEntry> all =
        r.scans.prefix(OSGP, r.partitioner.ofId(v), OSGP.prefix(QuadPattern.any().oId(v)));
    // The label is the last field of an OSGP key: filter before resolving anything.
    CloseableIterator<KvEntry> kept =
        terms == null ? all : all.filter(e -> contains(terms, OSGP.decode(e.key()).p()));
    return kept.map(e -> r.toEdge(OSGP.decode(e.key()), e.value()));
  }

  private CloseableIterator<EdgeRecord> withProperty(
      CloseableIterator<EdgeRecord> edges, PropertyFilter f) {
    long key = r.dictionary.lookup(f.key());
    if (key == Dictionary.ABSENT) {
      edges.close();
      return CloseableIterator.empty();
    }
    if (f.range() == null) {
      byte[] value = r.values.encodeIfKnown(f.value());
      if (value == null) {
        edges.close();
        return CloseableIterator.empty();
      }
      // Equality: the encoded value is part of the key, so the test is one prefix read.
      return edges.filter(e -> propertyEntry(edgeProperty(e.id(), key).o(value)) != null);
    }
    return edges.filter(
        e -> {
          KvEntry p = propertyEntry(edgeProperty(e.id(), key));
          return p != null && f.test(r.values.decode(SPOG.decode(p.key()).o()));
        });
  }

  private static QuadPattern edgeProperty(long edge, long key) {
    return QuadPattern.subject(edge).kind(QuadKind.EDGE_PROPERTY).p(key);
  }

  private KvEntry propertyEntry(QuadPattern pattern) {
    return r.scans.first(SPOG, r.partitioner.ofId(pattern.subjectOrThrow()), SPOG.prefix(pattern));
  }

  private static boolean contains(long[] terms, long t) {
    for (long x : terms) {
      if (x == t) {
        return true;
      }
    }
    return false;
  }
}
