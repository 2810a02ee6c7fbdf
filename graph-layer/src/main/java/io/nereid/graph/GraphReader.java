package io.nereid.graph;

import static io.nereid.graph.quad.KeyOrder.GPSO;
import static io.nereid.graph.quad.KeyOrder.SPOG;

import io.nereid.graph.dict.Dictionary;
import io.nereid.graph.dict.ExternalIdHints;
import io.nereid.graph.dict.ExternalIds;
import io.nereid.graph.quad.KeyOrder;
import io.nereid.graph.quad.Partitioner;
import io.nereid.graph.quad.Quad;
import io.nereid.graph.quad.QuadKind;
import io.nereid.graph.quad.QuadPattern;
import io.nereid.graph.stats.Statistics;
import io.nereid.graph.value.ValueCodec;
import io.nereid.kv.KeyRange;
import io.nereid.kv.KvEntry;
import io.nereid.kv.KvReader;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The read API, over a kv snapshot ({@link GraphSnapshot}) or a write transaction ({@link
 * GraphTxn}, which reads its own writes). Elements are addressed by internal id; external ids are
 * resolved with {@link #vertexId(String)} and {@link #edgeId(String)}. Every lookup here is one
 * point read or one range scan per partition involved; see docs/STORAGE.md for the costs.
 */
public class GraphReader {

  final GraphStore store;
  final KvReader kv;
  final Partitioner partitioner;
  final GraphSpaces spaces;
  final Dictionary dictionary;
  final ValueCodec values;
  final Statistics statistics;
  final Scans scans;
  private final IndexScans index;
  private final Adjacency adjacency;

  GraphReader(GraphStore store, KvReader kv, boolean parallelScans) {
    this.store = store;
    this.kv = kv;
    this.partitioner = store.partitioner();
    this.spaces = store.spaces();
    this.dictionary = store.dictionary();
    this.values = store.values();
    this.statistics = store.statistics();
    this.scans = new Scans(kv, spaces, partitioner, parallelScans ? store.scanExecutor() : null);
    this.index = new IndexScans(this);
    this.adjacency = new Adjacency(this);
  }

  // ---------------------------------------------------------------- elements by id

  public Optional<VertexRecord> vertex(long id) {
    KvEntry e = vertexEntry(id);
    return e == null ? Optional.empty() : Optional.of(toVertex(SPOG.decode(e.key()), e.value()));
  }

  public Optional<VertexRecord> vertex(String externalId) {
    ExternalIdHints hints = store.vertexIdHints();
    long hinted = hints.get(externalId);
    if (hinted >= 0) {
      Optional<VertexRecord> v = vertex(hinted);
      if (v.isPresent() && v.get().externalId().equals(externalId)) {
        return v; // confirmed by the record in this snapshot (see ExternalIdHints)
      }
    }
    long id = vertexId(externalId);
    if (id < 0) {
      return Optional.empty();
    }
    hints.put(externalId, id);
    return vertex(id);
  }

  /** The internal id of a vertex, or -1. */
  public long vertexId(String externalId) {
    return store.externalIds().lookup(kv, ExternalIds.Kind.VERTEX, externalId);
  }

  public boolean vertexExists(long id) {
    return vertexEntry(id) != null;
  }

  public Optional<EdgeRecord> edge(long id) {
    KvEntry e = edgeEntry(id);
    return e == null ? Optional.empty() : Optional.of(toEdge(GPSO.decode(e.key()), e.value()));
  }

  public Optional<EdgeRecord> edge(String externalId) {
    long id = edgeId(externalId);
    return id < 0 ? Optional.empty() : edge(id);
  }

  /** The internal id of an edge, or -1. */
  public long edgeId(String externalId) {
    return store.externalIds().lookup(kv, ExternalIds.Kind.EDGE, externalId);
  }

  /** A vertex property by its instance id (one GPSO prefix read). */
  public Optional<VertexPropertyRecord> vertexProperty(long propertyId) {
    KvEntry e = vertexPropertyEntry(propertyId);
    return e == null ? Optional.empty() : Optional.of(toVertexProperty(GPSO.decode(e.key())));
  }

  // ---------------------------------------------------------------- properties of one element

  /** All property values of a vertex, grouped by key (key term order), then by value. */
  public CloseableIterator<VertexPropertyRecord> vertexProperties(long vertexId) {
    return subjectScan(QuadPattern.subject(vertexId).kind(QuadKind.VERTEX_PROPERTY))
        .map(e -> toVertexProperty(SPOG.decode(e.key())));
  }

  public CloseableIterator<VertexPropertyRecord> vertexProperties(long vertexId, String key) {
    long k = dictionary.lookup(key);
    if (k == Dictionary.ABSENT) {
      return CloseableIterator.empty();
    }
    return subjectScan(QuadPattern.subject(vertexId).kind(QuadKind.VERTEX_PROPERTY).p(k))
        .map(e -> toVertexProperty(SPOG.decode(e.key())));
  }

  public CloseableIterator<PropertyRecord> edgeProperties(long edgeId) {
    return ownedProperties(edgeId, QuadKind.EDGE_PROPERTY);
  }

  public Optional<Object> edgeProperty(long edgeId, String key) {
    return ownedProperty(edgeId, QuadKind.EDGE_PROPERTY, key);
  }

  /** Meta-properties of a vertex property (by its instance id). */
  public CloseableIterator<PropertyRecord> metaProperties(long propertyId) {
    return ownedProperties(propertyId, QuadKind.META_PROPERTY);
  }

  public Optional<Object> metaProperty(long propertyId, String key) {
    return ownedProperty(propertyId, QuadKind.META_PROPERTY, key);
  }

  // ---------------------------------------------------------------- global lookups (all
  // partitions)

  /** Every vertex, via POGS (~label) in all partitions, merged in (label, id) order. */
  public CloseableIterator<VertexRecord> vertices() {
    return index.vertices(null);
  }

  public CloseableIterator<VertexRecord> verticesByLabel(String label) {
    return index.vertices(label);
  }

  /** Vertices with a property value equal to {@code value} (and the label, unless null). */
  public CloseableIterator<VertexRecord> verticesByProperty(
      String label, String key, Object value) {
    return index.verticesByProperty(label, key, value);
  }

  /** Vertices with a property value in {@code range}, in value order (each vertex once). */
  public CloseableIterator<VertexRecord> verticesByRange(
      String label, String key, ValueRange range) {
    return index.verticesByRange(label, key, range);
  }

  /** Vertices that have a value for {@code key} (and the label, unless null): {@code has(key)}. */
  public CloseableIterator<VertexRecord> verticesWithKey(String label, String key) {
    return index.verticesWithKey(label, key);
  }

  public CloseableIterator<EdgeRecord> edges() {
    return index.edges(null);
  }

  public CloseableIterator<EdgeRecord> edgesByLabel(String label) {
    return index.edges(label);
  }

  /** Edges that have the property {@code key} (and the label, unless null). */
  public CloseableIterator<EdgeRecord> edgesWithKey(String label, String key) {
    return index.edgesWithKey(label, key);
  }

  public CloseableIterator<EdgeRecord> edgesByProperty(String label, String key, Object value) {
    return index.edgesByProperty(label, key, value);
  }

  public CloseableIterator<EdgeRecord> edgesByRange(String label, String key, ValueRange range) {
    return index.edgesByRange(label, key, range);
  }

  // ---------------------------------------------------------------- adjacency

  /** Edges of a vertex in a direction, with any of the labels (none given: all labels). */
  public CloseableIterator<EdgeRecord> edgesOf(
      long vertexId, Direction direction, String... labels) {
    return adjacency.edges(vertexId, direction, List.of(labels), null);
  }

  /** As {@link #edgesOf(long, Direction, String...)}, keeping edges that pass {@code filter}. */
  public CloseableIterator<EdgeRecord> edgesOf(
      long vertexId, Direction direction, Collection<String> labels, PropertyFilter filter) {
    return adjacency.edges(vertexId, direction, labels, filter);
  }

  /** Internal ids of the vertices at the other end (a self-loop gives the vertex itself). */
  public CloseableIterator<Long> neighborIds(long vertexId, Direction direction, String... labels) {
    return edgesOf(vertexId, direction, labels).map(e -> e.otherEnd(vertexId));
  }

  public CloseableIterator<VertexRecord> neighbors(
      long vertexId, Direction direction, String... labels) {
    return neighborIds(vertexId, direction, labels).map(this::existingVertex);
  }

  // ---------------------------------------------------------------- counts (statistics, no scans)

  public long vertexCount() {
    return statistics.total(kv, Statistics.verticesKey());
  }

  public long vertexCount(String label) {
    long t = dictionary.lookup(label);
    return t == Dictionary.ABSENT ? 0 : statistics.total(kv, Statistics.vertexLabelKey(t));
  }

  public long edgeCount() {
    return statistics.total(kv, Statistics.edgesKey());
  }

  public long edgeCount(String label) {
    long t = dictionary.lookup(label);
    return t == Dictionary.ABSENT ? 0 : statistics.total(kv, Statistics.edgeLabelKey(t));
  }

  /** Number of vertex property values with this key (over all vertices). */
  public long vertexPropertyCount(String key) {
    return propertyCount(QuadKind.VERTEX_PROPERTY, key);
  }

  public long edgePropertyCount(String key) {
    return propertyCount(QuadKind.EDGE_PROPERTY, key);
  }

  public long metaPropertyCount(String key) {
    return propertyCount(QuadKind.META_PROPERTY, key);
  }

  /** Degree of a vertex in a direction for the given labels (none: all labels). */
  public long degree(long vertexId, Direction direction, String... labels) {
    return adjacency.degree(vertexId, direction, List.of(labels));
  }

  // ---------------------------------------------------------------- shared helpers

  private long propertyCount(QuadKind kind, String key) {
    long t = dictionary.lookup(key);
    return t == Dictionary.ABSENT ? 0 : statistics.total(kv, Statistics.propertyKey(kind, t));
  }

  /** A scan of SPOG within the partition of the pattern's subject. */
  CloseableIterator<KvEntry> subjectScan(QuadPattern pattern) {
    return scans.prefix(SPOG, partitionOfSubject(pattern), SPOG.prefix(pattern));
  }

  private int partitionOfSubject(QuadPattern pattern) {
    return partitioner.ofId(pattern.subjectOrThrow());
  }

  private CloseableIterator<PropertyRecord> ownedProperties(long owner, QuadKind kind) {
    return subjectScan(QuadPattern.subject(owner).kind(kind))
        .map(e -> toProperty(SPOG.decode(e.key())));
  }

  private Optional<Object> ownedProperty(long owner, QuadKind kind, String key) {
    long k = dictionary.lookup(key);
    if (k == Dictionary.ABSENT) {
      return Optional.empty();
    }
    KvEntry e =
        scans.first(
            SPOG, partitioner.ofId(owner), SPOG.prefix(QuadPattern.subject(owner).kind(kind).p(k)));
    return e == null ? Optional.empty() : Optional.of(values.decode(SPOG.decode(e.key()).o()));
  }

  /** The vertex record entry (SPOG label quad), or null. */
  KvEntry vertexEntry(long vertexId) {
    QuadPattern p = QuadPattern.subject(vertexId).kind(QuadKind.LABEL);
    return scans.first(SPOG, partitioner.ofId(vertexId), SPOG.prefix(p));
  }

  /** The edge's GPSO entry, or null. */
  KvEntry edgeEntry(long edgeId) {
    QuadPattern p = QuadPattern.any().g(edgeId).kind(QuadKind.EDGE);
    return scans.first(GPSO, partitioner.ofId(edgeId), GPSO.prefix(p));
  }

  /** The vertex property's GPSO entry, or null. */
  KvEntry vertexPropertyEntry(long propertyId) {
    QuadPattern p = QuadPattern.any().g(propertyId).kind(QuadKind.VERTEX_PROPERTY);
    return scans.first(GPSO, partitioner.ofId(propertyId), GPSO.prefix(p));
  }

  VertexRecord existingVertex(long id) {
    return vertex(id).orElseThrow(() -> new IllegalStateException("no vertex record for " + id));
  }

  VertexRecord toVertex(Quad label, byte[] externalId) {
    return new VertexRecord(label.s(), utf8(externalId), dictionary.string(label.objectId()));
  }

  EdgeRecord toEdge(Quad edge, byte[] externalId) {
    return new EdgeRecord(
        edge.g(), utf8(externalId), dictionary.string(edge.p()), edge.s(), edge.objectId());
  }

  VertexPropertyRecord toVertexProperty(Quad q) {
    return new VertexPropertyRecord(q.g(), q.s(), dictionary.string(q.p()), values.decode(q.o()));
  }

  PropertyRecord toProperty(Quad q) {
    return new PropertyRecord(q.s(), dictionary.string(q.p()), values.decode(q.o()));
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  static KeyRange prefixRange(KeyOrder order, QuadPattern pattern) {
    return KeyRange.prefix(order.prefix(pattern));
  }
}
