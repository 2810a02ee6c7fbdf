package io.nereid.graph;

import static io.nereid.graph.quad.KeyOrder.GPSO;
import static io.nereid.graph.quad.KeyOrder.POGS;
import static io.nereid.graph.quad.KeyOrder.SPOG;

import io.nereid.graph.dict.Dictionary;
import io.nereid.graph.dict.ExternalIds;
import io.nereid.graph.quad.Quad;
import io.nereid.graph.quad.QuadKind;
import io.nereid.graph.quad.QuadPattern;
import io.nereid.graph.value.Utf8;
import io.nereid.kv.KvEntry;
import io.nereid.kv.WriteTxn;
import io.nereid.kv.codec.UnsignedVarint;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.Lock;

/**
 * A write transaction: the read API (reading its own writes) plus mutations, committed atomically
 * across partitions. Not thread-safe. A commit may fail with {@link
 * io.nereid.kv.WriteConflictException} when a concurrent transaction wrote the same keys first
 * (same external id, or changes to the same element); nothing is written then, and the whole
 * transaction can be retried.
 */
public final class GraphTxn extends GraphReader implements AutoCloseable {

  private final WriteTxn txn;
  private final QuadWriter quads;
  private final ElementRemoval removal;

  GraphTxn(GraphStore store, WriteTxn txn) {
    super(store, txn, false);
    this.txn = txn;
    this.quads = new QuadWriter(txn, spaces, partitioner);
    this.removal = new ElementRemoval(this, txn, quads);
  }

  // ---------------------------------------------------------------- vertices

  /** Adds a vertex with a generated (UUID) external id. */
  public VertexRecord addVertex(String label) {
    return addVertex(null, label);
  }

  /**
   * Adds a vertex. {@code externalId} null means generate one.
   *
   * @throws DuplicateIdException if a vertex with that id exists (or is created concurrently: then
   *     the later commit fails with a write conflict)
   */
  public VertexRecord addVertex(String externalId, String label) {
    Objects.requireNonNull(label, "label");
    String ext = externalId != null ? externalId : UUID.randomUUID().toString();
    if (vertexId(ext) >= 0) {
      throw new DuplicateIdException("a vertex with id '" + ext + "' exists");
    }
    long v = store.elementIds().nextVertexId();
    long l = dictionary.intern(label);
    byte[] x = Utf8.encode(ext);
    quads.put(Quad.label(v, l), x, x);
    store.externalIds().put(txn, ExternalIds.Kind.VERTEX, ext, v);
    statistics.vertexAdded(txn, v, l, 1);
    return new VertexRecord(v, ext, label);
  }

  /**
   * Changes the label of a vertex. TinkerPop labels never change; this exists for the bulk loader,
   * which merges Neptune's multiple labels of one vertex id (given in several rows) into one label
   * string. Rewrites the vertex record, the label kept in the POGS value of each of its property
   * values, and the label statistics. Touches the vertex record like any change to the vertex, so
   * it conflicts with concurrent writers of the vertex. Returns false when the label was already
   * {@code label}.
   */
  public boolean setVertexLabel(long vertexId, String label) {
    Objects.requireNonNull(label, "label");
    KvEntry vertex = requireVertex(vertexId);
    Quad old = SPOG.decode(vertex.key());
    long l = dictionary.intern(label);
    if (old.objectId() == l) {
      return false;
    }
    List<Quad> properties = new ArrayList<>();
    try (CloseableIterator<KvEntry> it =
        subjectScan(QuadPattern.subject(vertexId).kind(QuadKind.VERTEX_PROPERTY))) {
      it.forEachRemaining(e -> properties.add(SPOG.decode(e.key())));
    }
    quads.delete(old);
    quads.put(Quad.label(vertexId, l), vertex.value(), vertex.value());
    statistics.vertexAdded(txn, vertexId, old.objectId(), -1);
    statistics.vertexAdded(txn, vertexId, l, 1);
    byte[] pogsValue = UnsignedVarint.encode(l);
    for (Quad q : properties) {
      txn.put(POGS.partitionOf(q, partitioner), spaces.pogs(), POGS.key(q), pogsValue);
    }
    return true;
  }

  /** Removes a vertex with all its properties and edges. */
  public void removeVertex(long vertexId) {
    requireVertex(vertexId);
    removal.vertex(vertexId);
  }

  // ---------------------------------------------------------------- edges

  public EdgeRecord addEdge(long outVertexId, String label, long inVertexId) {
    return addEdge(null, outVertexId, label, inVertexId);
  }

  /** Adds an edge; {@code externalId} null means generate one. Both vertices must exist. */
  public EdgeRecord addEdge(String externalId, long outVertexId, String label, long inVertexId) {
    Objects.requireNonNull(label, "label");
    KvEntry out = requireVertex(outVertexId);
    KvEntry in = requireVertex(inVertexId);
    String ext = externalId != null ? externalId : UUID.randomUUID().toString();
    if (edgeId(ext) >= 0) {
      throw new DuplicateIdException("an edge with id '" + ext + "' exists");
    }
    quads.touch(SPOG.decode(out.key()), out.value());
    quads.touch(SPOG.decode(in.key()), in.value());
    long e = store.elementIds().nextInPartition(partitioner.ofId(outVertexId));
    long l = dictionary.intern(label);
    byte[] x = Utf8.encode(ext);
    quads.put(Quad.edge(outVertexId, l, inVertexId, e), x, x);
    store.externalIds().put(txn, ExternalIds.Kind.EDGE, ext, e);
    statistics.edgeAdded(txn, outVertexId, l, inVertexId, 1);
    return new EdgeRecord(e, ext, label, outVertexId, inVertexId);
  }

  public void removeEdge(long edgeId) {
    KvEntry e = requireEdge(edgeId);
    removal.edge(GPSO.decode(e.key()), e.value());
  }

  /** Sets (replaces) an edge property; edge properties are single-valued. */
  public void setEdgeProperty(long edgeId, String key, Object value) {
    KvEntry entry = requireEdge(edgeId);
    Quad edge = GPSO.decode(entry.key());
    long k = dictionary.intern(key);
    byte[] o = values.encode(value); // refuses unsupported values before anything is written
    quads.touch(edge, entry.value());
    removal.ownedProperties(edgeId, QuadKind.EDGE_PROPERTY, k);
    quads.put(Quad.edgeProperty(edgeId, k, o), QuadWriter.EMPTY, UnsignedVarint.encode(edge.p()));
    statistics.propertyAdded(txn, edgeId, QuadKind.EDGE_PROPERTY, k, 1);
  }

  /** Removes an edge property; returns false if the edge had none with that key. */
  public boolean removeEdgeProperty(long edgeId, String key) {
    requireEdge(edgeId);
    long k = dictionary.lookup(key);
    return k != Dictionary.ABSENT && removal.ownedProperties(edgeId, QuadKind.EDGE_PROPERTY, k) > 0;
  }

  // ---------------------------------------------------------------- vertex properties

  /**
   * Adds a vertex property value under the given cardinality and returns its property id. With
   * {@link Cardinality#SET} and an equal value present, nothing changes and the existing id is
   * returned.
   */
  public long addVertexProperty(long vertexId, Cardinality cardinality, String key, Object value) {
    KvEntry vertex = requireVertex(vertexId);
    Quad label = SPOG.decode(vertex.key());
    long k = dictionary.intern(key);
    byte[] o = values.encode(value);
    quads.touch(label, vertex.value());
    switch (cardinality) {
      case SINGLE -> removal.vertexProperties(vertexId, k);
      case SET -> {
        QuadPattern same = QuadPattern.subject(vertexId).kind(QuadKind.VERTEX_PROPERTY).p(k).o(o);
        KvEntry existing = scans.first(SPOG, partitioner.ofId(vertexId), SPOG.prefix(same));
        if (existing != null) {
          return SPOG.decode(existing.key()).g();
        }
      }
      case LIST -> {}
    }
    long id = store.elementIds().nextInPartition(partitioner.ofId(vertexId));
    byte[] pogsValue =
        UnsignedVarint.encode(label.objectId()); // the vertex label, for has(label,k,v)
    quads.put(Quad.vertexProperty(vertexId, k, o, id), QuadWriter.EMPTY, pogsValue);
    statistics.propertyAdded(txn, vertexId, QuadKind.VERTEX_PROPERTY, k, 1);
    return id;
  }

  /** Removes one vertex property value (with its meta-properties). */
  public void removeVertexProperty(long propertyId) {
    KvEntry e = vertexPropertyEntry(propertyId);
    if (e == null) {
      throw new ElementNotFoundException("no vertex property " + propertyId);
    }
    removal.vertexProperty(GPSO.decode(e.key()));
  }

  /** Removes every value of a key from a vertex; returns how many values there were. */
  public int removeVertexProperties(long vertexId, String key) {
    requireVertex(vertexId);
    long k = dictionary.lookup(key);
    return k == Dictionary.ABSENT ? 0 : removal.vertexProperties(vertexId, k);
  }

  /** Sets (replaces) a meta-property of a vertex property; meta-properties are single-valued. */
  public void setMetaProperty(long propertyId, String key, Object value) {
    Quad property = requireVertexProperty(propertyId);
    long k = dictionary.intern(key);
    byte[] o = values.encode(value);
    quads.touch(property, QuadWriter.EMPTY);
    removal.ownedProperties(propertyId, QuadKind.META_PROPERTY, k);
    quads.put(Quad.metaProperty(propertyId, k, o), QuadWriter.EMPTY, QuadWriter.EMPTY);
    statistics.propertyAdded(txn, propertyId, QuadKind.META_PROPERTY, k, 1);
  }

  public boolean removeMetaProperty(long propertyId, String key) {
    requireVertexProperty(propertyId);
    long k = dictionary.lookup(key);
    return k != Dictionary.ABSENT
        && removal.ownedProperties(propertyId, QuadKind.META_PROPERTY, k) > 0;
  }

  // ---------------------------------------------------------------- transaction

  /**
   * Commits atomically; returns the commit sequence number. Waits while a live-store load commits
   * a batch ({@link GraphStore#exclusiveCommits()}).
   */
  public long commit() {
    if (txn.size() == 0) {
      return txn.commit(); // writes nothing: a read-only query need not wait for a load
    }
    Lock gate = store.sharedCommits();
    gate.lock();
    try {
      return txn.commit();
    } finally {
      gate.unlock();
    }
  }

  public void rollback() {
    txn.rollback();
  }

  public boolean isOpen() {
    return txn.isOpen();
  }

  /** Number of buffered kv operations (for loaders that commit in batches). */
  public int pendingWrites() {
    return txn.size();
  }

  /** Rolls back unless committed. */
  @Override
  public void close() {
    txn.close();
  }

  // ---------------------------------------------------------------- helpers

  private KvEntry requireVertex(long id) {
    KvEntry e = vertexEntry(id);
    if (e == null) {
      throw new ElementNotFoundException("no vertex " + id);
    }
    return e;
  }

  private KvEntry requireEdge(long id) {
    KvEntry e = edgeEntry(id);
    if (e == null) {
      throw new ElementNotFoundException("no edge " + id);
    }
    return e;
  }

  private Quad requireVertexProperty(long id) {
    KvEntry e = vertexPropertyEntry(id);
    if (e == null) {
      throw new ElementNotFoundException("no vertex property " + id);
    }
    return GPSO.decode(e.key());
  }
}
