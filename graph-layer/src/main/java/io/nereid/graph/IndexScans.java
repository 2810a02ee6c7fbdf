package io.nereid.graph;

import static io.nereid.graph.quad.KeyOrder.POGS;

import io.nereid.graph.dict.Dictionary;
import io.nereid.graph.quad.Quad;
import io.nereid.graph.quad.QuadKind;
import io.nereid.graph.quad.QuadPattern;
import io.nereid.graph.scan.LongSet;
import io.nereid.kv.ByteKeys;
import io.nereid.kv.KeyRange;
import io.nereid.kv.KvEntry;
import io.nereid.kv.codec.UnsignedVarint;

/**
 * Global lookups through POGS: by label, by property value, by property range. Every partition is
 * scanned (the answer may live anywhere) and the results are merged in key order, so a range lookup
 * yields values in ascending order.
 *
 * <p>A property entry's POGS value holds the label term of its subject (labels never change), so a
 * label condition is checked on the index entry itself, without a lookup per candidate.
 */
final class IndexScans {

  private final GraphReader r;

  IndexScans(GraphReader r) {
    this.r = r;
  }

  CloseableIterator<VertexRecord> vertices(String label) {
    QuadPattern pattern = QuadPattern.of(QuadKind.LABEL);
    if (label != null) {
      long t = r.dictionary.lookup(label);
      if (t == Dictionary.ABSENT) {
        return CloseableIterator.empty();
      }
      pattern = pattern.oId(t);
    }
    return r.scans
        .allPartitions(POGS, GraphReader.prefixRange(POGS, pattern))
        .map(e -> r.toVertex(POGS.decode(e.key()), e.value()));
  }

  CloseableIterator<EdgeRecord> edges(String label) {
    QuadPattern pattern = QuadPattern.of(QuadKind.EDGE);
    if (label != null) {
      long t = r.dictionary.lookup(label);
      if (t == Dictionary.ABSENT) {
        return CloseableIterator.empty();
      }
      pattern = pattern.p(t);
    }
    return r.scans
        .allPartitions(POGS, GraphReader.prefixRange(POGS, pattern))
        .map(e -> r.toEdge(POGS.decode(e.key()), e.value()));
  }

  CloseableIterator<VertexRecord> verticesByProperty(String label, String key, Object value) {
    return distinctSubjects(propertyEquals(QuadKind.VERTEX_PROPERTY, label, key, value))
        .map(r::existingVertex);
  }

  CloseableIterator<VertexRecord> verticesByRange(String label, String key, ValueRange range) {
    return distinctSubjects(propertyRange(QuadKind.VERTEX_PROPERTY, label, key, range))
        .map(r::existingVertex);
  }

  /** Vertices that have the key at all: {@code has(key)}. */
  CloseableIterator<VertexRecord> verticesWithKey(String label, String key) {
    return distinctSubjects(propertyKey(QuadKind.VERTEX_PROPERTY, label, key))
        .map(r::existingVertex);
  }

  CloseableIterator<EdgeRecord> edgesWithKey(String label, String key) {
    return propertyKey(QuadKind.EDGE_PROPERTY, label, key).map(q -> existingEdge(q.s()));
  }

  CloseableIterator<EdgeRecord> edgesByProperty(String label, String key, Object value) {
    return propertyEquals(QuadKind.EDGE_PROPERTY, label, key, value).map(q -> existingEdge(q.s()));
  }

  CloseableIterator<EdgeRecord> edgesByRange(String label, String key, ValueRange range) {
    return propertyRange(QuadKind.EDGE_PROPERTY, label, key, range).map(q -> existingEdge(q.s()));
  }

  private EdgeRecord existingEdge(long id) {
    return r.edge(id).orElseThrow(() -> new IllegalStateException("no edge record for " + id));
  }

  /** Property quads (kind, key, value) whose subject has the label (any label if null). */
  private CloseableIterator<Quad> propertyEquals(
      QuadKind kind, String label, String key, Object value) {
    long k = r.dictionary.lookup(key);
    long l = label == null ? -1 : r.dictionary.lookup(label);
    byte[] encoded = r.values.encodeIfKnown(value);
    if (k == Dictionary.ABSENT || l == Dictionary.ABSENT && label != null || encoded == null) {
      return CloseableIterator.empty();
    }
    QuadPattern pattern = QuadPattern.of(kind).p(k).o(encoded);
    return withLabel(r.scans.allPartitions(POGS, GraphReader.prefixRange(POGS, pattern)), l)
        .map(e -> POGS.decode(e.key()));
  }

  /** Property quads (kind, key, any value) whose subject has the label (any label if null). */
  private CloseableIterator<Quad> propertyKey(QuadKind kind, String label, String key) {
    long k = r.dictionary.lookup(key);
    long l = label == null ? -1 : r.dictionary.lookup(label);
    if (k == Dictionary.ABSENT || l == Dictionary.ABSENT && label != null) {
      return CloseableIterator.empty();
    }
    QuadPattern pattern = QuadPattern.of(kind).p(k);
    return withLabel(r.scans.allPartitions(POGS, GraphReader.prefixRange(POGS, pattern)), l)
        .map(e -> POGS.decode(e.key()));
  }

  private CloseableIterator<Quad> propertyRange(
      QuadKind kind, String label, String key, ValueRange range) {
    long k = r.dictionary.lookup(key);
    long l = label == null ? -1 : r.dictionary.lookup(label);
    if (k == Dictionary.ABSENT || l == Dictionary.ABSENT && label != null) {
      return CloseableIterator.empty();
    }
    byte[] base = POGS.prefix(QuadPattern.of(kind).p(k));
    byte[][] bounds =
        r.values.rangeBounds(
            range.type(),
            range.lower(),
            range.lowerInclusive(),
            range.upper(),
            range.upperInclusive());
    KeyRange keys =
        KeyRange.closedOpen(ByteKeys.concat(base, bounds[0]), ByteKeys.concat(base, bounds[1]));
    return withLabel(r.scans.allPartitions(POGS, keys), l)
        .map(e -> POGS.decode(e.key()))
        .filter(q -> range.test(r.values.decode(q.o())));
  }

  /** Keeps index entries whose value (the subject's label term) is {@code label}; -1 keeps all. */
  private static CloseableIterator<KvEntry> withLabel(
      CloseableIterator<KvEntry> entries, long label) {
    return label < 0 ? entries : entries.filter(e -> UnsignedVarint.read(e.value(), 0) == label);
  }

  /** Subjects of the quads, each once (a multi-valued property may match several times). */
  private static CloseableIterator<Long> distinctSubjects(CloseableIterator<Quad> quads) {
    LongSet seen = new LongSet();
    return quads.filter(q -> seen.add(q.s())).map(Quad::s);
  }
}
