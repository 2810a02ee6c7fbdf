package io.nereid.graph.load;

import io.nereid.graph.Cardinality;
import io.nereid.graph.CloseableIterator;
import io.nereid.graph.EdgeRecord;
import io.nereid.graph.GraphSnapshot;
import io.nereid.graph.GraphStore;
import io.nereid.graph.VertexPropertyRecord;
import io.nereid.graph.dict.ExternalIds;
import io.nereid.graph.load.Drafts.EdgeDraft;
import io.nereid.graph.load.Drafts.KeyValues;
import io.nereid.graph.load.Drafts.VertexDraft;
import io.nereid.graph.load.LoadRow.EdgeRow;
import io.nereid.graph.load.LoadRow.VertexRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies rows to the drafts of one batch with Neptune's semantics, reading the store (one
 * snapshot per batch) for elements created before it:
 *
 * <ul>
 *   <li>a row whose id exists merges into that element: labels are added, set values are added
 *       unless equal to one present (a duplicate), a single value equal to the present one is a
 *       duplicate, a different one is a SINGLE_CARDINALITY_VIOLATION unless
 *       updateSingleCardinalityProperties (then it replaces); edge properties are single;
 *   <li>an edge whose ~from or ~to vertex does not exist is FROM_OR_TO_VERTEX_ARE_MISSING and is
 *       not inserted; an edge id already used with other ends or label is
 *       ID_ASSIGNED_TO_MULTIPLE_EDGES.
 * </ul>
 *
 * Every check of a row is made before any of it is applied. A row with errors is, under
 * failOnError, not applied at all (the load stops before it); otherwise its failing statements
 * (or the whole row, for a missing vertex or a reused edge id) are skipped and the rest applies.
 */
final class BatchBuilder implements AutoCloseable {

  private final GraphStore store;
  private final LoadOptions options;
  private final KnownIds known;
  /** Committed keys not yet in the store's xid space (an offline load's run files), or null. */
  private final PendingRuns pending;
  private GraphSnapshot snapshot;
  /** The drafts, in the order of their first row; new maps for each batch (the old go on to be
   * written while the next batch is built). */
  Map<String, VertexDraft> vertices = new LinkedHashMap<>();
  EdgeDrafts edges = new EdgeDrafts(16);
  /** Statements applied in this batch (the batch size measure). */
  long statements;
  /**
   * Whether a draft of this batch is an element stored before it (only those can need a graph
   * transaction): spares scanning every draft of a fresh load's batches for one.
   */
  boolean hasStored;

  private final Runnable beforeRead;
  /** The ~from vertex of the last edge row and its id (a vertex's id never changes in a run). */
  private String lastFrom;
  private long lastFromId;

  /** {@code beforeRead} runs before the store is read: it waits for the batches in flight. */
  BatchBuilder(GraphStore store, LoadOptions options, KnownIds known, PendingRuns pending,
      Runnable beforeRead) {
    this.pending = pending;
    this.store = store;
    this.options = options;
    this.known = known;
    this.beforeRead = beforeRead;
  }

  boolean isEmpty() {
    return vertices.isEmpty() && edges.isEmpty();
  }

  /**
   * Checks and applies one row. Returns its errors (value errors from parsing included). When it
   * returns errors under failOnError, nothing of the row was applied.
   */
  List<LoadException> apply(LoadRow row, List<LoadException> valueErrors, LoadCounters c) {
    c.totalRecords += valueErrors.size();
    return row instanceof VertexRow v ? vertex(v, valueErrors, c) : edge((EdgeRow) row,
        valueErrors, c);
  }

  private List<LoadException> vertex(VertexRow row, List<LoadException> valueErrors,
      LoadCounters c) {
    List<LoadException> errors = new ArrayList<>(valueErrors);
    VertexDraft d = vertices.get(row.id());
    boolean created = false;
    if (d == null) {
      d = lookupVertex(row.id());
      created = !d.existing;
    }
    // a vertex this row creates has no values yet: nothing to violate
    boolean[] skip = created
        ? null
        : checkSingles(d.properties, row.properties(), row, errors, d.existing, d.id, true);
    if (!errors.isEmpty() && options.failOnError()) {
      return errors;
    }
    vertices.putIfAbsent(row.id(), d);
    List<String> labels = row.labels();
    if (created && labels.isEmpty()) {
      labels = List.of(RowParser.DEFAULT_VERTEX_LABEL);
    }
    for (String l : labels) {
      c.totalRecords++;
      statements++;
      if (!d.labels.add(l)) {
        c.totalDuplicates++;
      } else if (d.existing) {
        d.labelsChanged = true;
      }
    }
    applyProperties(d.properties, row.properties(), skip, c, d.existing, d.id, true);
    return errors;
  }

  private List<LoadException> edge(EdgeRow row, List<LoadException> valueErrors,
      LoadCounters c) {
    List<LoadException> errors = new ArrayList<>(valueErrors);
    c.totalRecords++;
    long out;
    if (row.from().equals(lastFrom)) {
      out = lastFromId; // edge files mostly come grouped by ~from: one lookup for the group
    } else {
      out = vertexId(row.from());
      lastFrom = out < 0 ? null : row.from();
      lastFromId = out;
    }
    long in = vertexId(row.to());
    if (out < 0 || in < 0) {
      String which = out < 0 && in < 0 ? "~from and ~to vertices" : out < 0
          ? "~from vertex '" + row.from() + "'" : "~to vertex '" + row.to() + "'";
      errors.add(new LoadException(LoadErrorCode.FROM_OR_TO_VERTEX_ARE_MISSING, row.line(),
          "edge '" + row.id() + "': the " + which + " does not exist"));
      return errors;
    }
    long hash = KnownIds.hash(row.id());
    // the filter holds this batch's new ids too: a new id (the common case) is neither in the
    // batch nor in the store, and its check reads the one block of the filter that its add,
    // below, writes
    boolean maybeSeen = known.edgeMayBeKnown(hash);
    EdgeDraft d = maybeSeen ? edges.get(row.id(), hash) : null;
    boolean inBatch = d != null;
    boolean seen = inBatch;
    if (d == null) {
      d = lookupEdge(row.id(), maybeSeen, out, in, row.label());
      seen = d.existing;
    }
    if (d.out != out || d.in != in || !d.label.equals(row.label())) {
      errors.add(new LoadException(LoadErrorCode.ID_ASSIGNED_TO_MULTIPLE_EDGES, row.line(),
          "edge id '" + row.id() + "' is already used by an edge with other ends or label ("
              + d.label + ")"));
      return errors;
    }
    boolean[] skip = seen
        ? checkSingles(d.properties, row.properties(), row, errors, d.existing, d.id, false)
        : null; // a new edge has no values yet
    if (!errors.isEmpty() && options.failOnError()) {
      return errors;
    }
    if (!inBatch) {
      edges.add(d, hash);
      if (!d.existing) {
        known.addEdge(hash);
      }
    }
    statements++;
    if (seen) {
      c.totalDuplicates++;
    }
    applyProperties(d.properties, row.properties(), skip, c, d.existing, d.id, false);
    return errors;
  }

  /** Finds single-cardinality violations; returns which statements to skip. */
  private boolean[] checkSingles(PropertyDrafts props, List<PropertyValue> values,
      LoadRow row, List<LoadException> errors, boolean existing, long id, boolean vertex) {
    boolean[] skip = new boolean[values.size()];
    for (int i = 0; i < values.size(); i++) {
      PropertyValue p = values.get(i);
      if (p.cardinality() != Cardinality.SINGLE || options.updateSingleCardinalityProperties()) {
        continue;
      }
      KeyValues kv = values(props, p.key(), existing, id, vertex);
      Object only = kv.single();
      if (kv.size() > 1 || (only != null && !Drafts.same(only, p.value()))) {
        skip[i] = true;
        errors.add(new LoadException(LoadErrorCode.SINGLE_CARDINALITY_VIOLATION, row.line(),
            (vertex ? "vertex '" : "edge '") + row.id() + "' already has a different value for"
                + " the single-cardinality property '" + p.key() + "'"));
      }
    }
    return skip;
  }

  /** {@code skip}: the statements {@link #checkSingles} rejected, or null for none. */
  private void applyProperties(PropertyDrafts props, List<PropertyValue> values,
      boolean[] skip, LoadCounters c, boolean existing, long id, boolean vertex) {
    for (int i = 0; i < values.size(); i++) {
      PropertyValue p = values.get(i);
      c.totalRecords++;
      if (skip != null && skip[i]) {
        continue;
      }
      statements++;
      KeyValues kv = values(props, p.key(), existing, id, vertex);
      if (p.cardinality() == Cardinality.SET) {
        if (kv.contains(p.value())) {
          c.totalDuplicates++;
        } else {
          kv.added.add(p.value());
        }
      } else {
        Object only = kv.single();
        if (only != null && Drafts.same(only, p.value())) {
          c.totalDuplicates++;
        } else if (kv.size() == 0) {
          kv.added.add(p.value());
        } else {
          kv.replace(p.value());
        }
      }
    }
  }

  private KeyValues values(PropertyDrafts props, String key, boolean existing, long id,
      boolean vertex) {
    KeyValues kv = props.get(key);
    if (kv == null) {
      List<Object> stored = existing ? new ArrayList<>(1) : List.of();
      if (existing && vertex) {
        try (CloseableIterator<VertexPropertyRecord> it = snapshot().vertexProperties(id, key)) {
          it.forEachRemaining(r -> stored.add(r.value()));
        }
      } else if (existing) {
        snapshot().edgeProperty(id, key).ifPresent(stored::add);
      }
      kv = new KeyValues(stored);
      props.add(key, kv);
    }
    return kv;
  }

  private VertexDraft lookupVertex(String ext) {
    long id = known.vertex(ext);
    if (id < 0 && known.vertexMayBeStored()) {
      id = storedVertexId(ext);
    }
    if (id < 0) {
      return new VertexDraft(ext, 0, null);
    }
    String label = snapshot().vertex(id).orElseThrow().label();
    hasStored = true;
    return new VertexDraft(ext, id, label);
  }

  /** The internal id of a stored vertex (edges load after all vertex files), or -1. */
  private long vertexId(String ext) {
    VertexDraft d = vertices.get(ext);
    if (d != null) {
      throw new IllegalStateException("edges are loaded in batches of their own");
    }
    long id = known.vertex(ext);
    if (id < 0 && known.vertexMayBeStored()) {
      id = storedVertexId(ext);
      if (id >= 0) {
        known.addVertex(ext, id);
      }
    }
    return id;
  }

  private EdgeDraft lookupEdge(String ext, boolean mayBeStored, long out, long in,
      String label) {
    if (mayBeStored) {
      Optional<EdgeRecord> e = snapshot().edge(ext);
      if (e.isEmpty() && pending != null) {
        long id = pending.lookup(ExternalIds.Kind.EDGE, ext); // its xid entry may be in a run
        e = id < 0 ? Optional.empty() : snapshot().edge(id);
      }
      if (e.isPresent()) {
        EdgeRecord r = e.get();
        hasStored = true;
        return new EdgeDraft(ext, true, r.id(), r.outVertexId(), r.inVertexId(), r.label());
      }
    }
    return new EdgeDraft(ext, false, 0, out, in, label);
  }

  /** A committed vertex's id: the store's xid space, then the run files not merged yet. */
  private long storedVertexId(String ext) {
    long id = snapshot().vertexId(ext);
    return id < 0 && pending != null ? pending.lookup(ExternalIds.Kind.VERTEX, ext) : id;
  }

  private GraphSnapshot snapshot() {
    if (snapshot == null) {
      beforeRead.run();
      snapshot = store.snapshot();
    }
    return snapshot;
  }

  /** Ends the batch: drops the drafts and the snapshot (the next batch reads a newer one). */
  void reset() {
    // sized like this batch's: the next one is most likely as big, and growing costs a rehash
    vertices = new LinkedHashMap<>(capacityFor(vertices.size()));
    edges = new EdgeDrafts(edges.size());
    statements = 0;
    hasStored = false;
    close();
  }

  private static int capacityFor(int entries) {
    return (int) Math.min(1 << 30, Math.max(16, entries * 4L / 3 + 1));
  }

  @Override
  public void close() {
    if (snapshot != null) {
      snapshot.close();
      snapshot = null;
    }
  }
}
