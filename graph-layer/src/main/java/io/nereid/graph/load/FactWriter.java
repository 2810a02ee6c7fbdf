package io.nereid.graph.load;

import io.nereid.graph.GraphSpaces;
import io.nereid.graph.GraphStore;
import io.nereid.graph.dict.Dictionary;
import io.nereid.graph.dict.ElementIds;
import io.nereid.graph.dict.ExternalIds;
import io.nereid.graph.load.Drafts.EdgeDraft;
import io.nereid.graph.load.Drafts.KeyValues;
import io.nereid.graph.load.Drafts.VertexDraft;
import io.nereid.graph.quad.KeyOrder;
import io.nereid.graph.quad.Partitioner;
import io.nereid.graph.quad.QuadKind;
import io.nereid.graph.stats.Statistics;
import io.nereid.graph.value.StringValues;
import io.nereid.graph.value.ValueCodec;
import io.nereid.kv.codec.UnsignedVarint;

/**
 * Turns new elements' drafts into kv puts and counter additions, with the graph-layer's key
 * encoders ({@link KeyOrder#key}, {@link ExternalIds#key}, {@link Statistics}; {@link FactKeys}
 * writes the same bytes), in the same orders, partitions and values as its transactions write
 * them. Every key is built in this writer's scratch arrays, so a writer serves one thread; {@link
 * BatchWriter} runs two over the halves of an edge batch.
 */
final class FactWriter {

  private static final byte[] EMPTY = new byte[0];
  private static final KeyOrder[] ORDERS = KeyOrder.values();

  private final GraphSpaces spaces;
  private final Partitioner partitioner;
  private final Dictionary dictionary;
  private final ValueCodec values;
  private final ElementIds ids;
  private final ExternalIds externalIds;
  private final byte[] key = new byte[FactKeys.MAX_KEY];
  private final byte[] object = new byte[UnsignedVarint.MAX_LENGTH];
  private final byte[] pogsValue = new byte[UnsignedVarint.MAX_LENGTH];
  private final FactKeys.Utf8Buffer utf8 = new FactKeys.Utf8Buffer();
  /** The last strings interned and their terms: the few labels and keys a load repeats. */
  private final String[] memo = new String[8];
  private final long[] memoTerms = new long[8];
  private int memoNext;

  FactWriter(GraphStore store) {
    this.spaces = store.spaces();
    this.partitioner = store.partitioner();
    this.dictionary = store.dictionary();
    this.values = store.values();
    this.ids = store.elementIds();
    this.externalIds = store.externalIds();
  }

  /** A vertex's new facts; gives each new property value its id. */
  void vertex(VertexDraft d, KeyRuns runs, TotalCounts totals) {
    long label;
    int p = partitioner.ofId(d.id);
    if (!d.existing) {
      label = term(d.label());
      utf8.encode(d.externalId);
      int ol = UnsignedVarint.write(object, 0, label);
      quad(runs, d.id, QuadKind.LABEL, 0, object, ol, 0, 0, utf8.bytes, utf8.length,
          utf8.bytes, utf8.length);
      externalId(runs, ExternalIds.Kind.VERTEX, d.externalId, d.id);
      totals.increment(TotalCounts.VERTICES, 0, p);
      totals.increment(TotalCounts.VERTEX_LABEL, label, p);
    } else {
      label = dictionary.lookup(d.storedLabel);
    }
    int pogsLength = UnsignedVarint.write(pogsValue, 0, label); // has(label, key, value) reads it
    for (int i = 0; i < d.properties.size(); i++) {
      KeyValues kv = d.properties.value(i);
      if (kv.added.isEmpty()) {
        continue;
      }
      long k = term(d.properties.key(i));
      for (Object v : kv.added) {
        long pid = ids.nextInPartition(p);
        byte[] o = values.encode(v);
        quad(runs, d.id, QuadKind.VERTEX_PROPERTY, k, o, o.length, pid, 0, EMPTY, 0, pogsValue,
            pogsLength);
        totals.increment(TotalCounts.VERTEX_PROPERTY, k, p);
      }
    }
  }

  /**
   * Interns the strings an edge's facts use (label, property keys, long string values), and gives a
   * new edge its id: what must happen in draft order for a load to come out the same however its
   * edges are split between writers. Returns the label's term.
   */
  long prepareEdge(EdgeDraft d) {
    long label = term(d.label);
    if (!d.existing) {
      d.id = ids.nextInPartition(partitioner.ofId(d.out));
    }
    for (int i = 0; i < d.properties.size(); i++) {
      KeyValues kv = d.properties.value(i);
      if (!kv.added.isEmpty()) {
        term(d.properties.key(i));
        if (kv.added.get(0) instanceof String v && mayBeLong(v)) {
          values.encode(v); // a long string is interned: here, in draft order
        }
      }
    }
    return label;
  }

  /**
   * Whether {@code s} may be too long to be stored inline (and so be interned): a char is at most
   * 3 UTF-8 bytes (a surrogate pair 4 for 2), so shorter strings are not encoded twice to find out.
   */
  private static boolean mayBeLong(String s) {
    return (long) s.length() * 3 > StringValues.INLINE_BYTES;
  }

  /** An edge's new facts; {@link #prepareEdge} has given it its id and {@code label}. */
  void edge(EdgeDraft d, long label, KeyRuns runs, TotalCounts totals) {
    if (!d.existing) {
      int p = partitioner.ofId(d.out);
      utf8.encode(d.externalId);
      int ol = UnsignedVarint.write(object, 0, d.in);
      quad(runs, d.out, QuadKind.EDGE, label, object, ol, d.id, partitioner.ofId(d.in),
          utf8.bytes, utf8.length, utf8.bytes, utf8.length);
      externalId(runs, ExternalIds.Kind.EDGE, d.externalId, d.id);
      totals.increment(TotalCounts.EDGES, 0, p);
      totals.increment(TotalCounts.EDGE_LABEL, label, p);
      int kl = FactKeys.degree(key, d.out, Statistics.OUT, label);
      runs.add(p, spaces.stats(), key, kl, 1);
      kl = FactKeys.degree(key, d.in, Statistics.IN, label);
      runs.add(partitioner.ofId(d.in), spaces.stats(), key, kl, 1);
    }
    int pogsLength = UnsignedVarint.write(pogsValue, 0, label);
    for (int i = 0; i < d.properties.size(); i++) {
      KeyValues kv = d.properties.value(i);
      if (kv.added.isEmpty()) {
        continue;
      }
      long k = term(d.properties.key(i));
      byte[] o = values.encode(kv.added.get(0)); // edge properties are single
      quad(runs, d.id, QuadKind.EDGE_PROPERTY, k, o, o.length, 0, 0, EMPTY, 0, pogsValue,
          pogsLength);
      totals.increment(TotalCounts.EDGE_PROPERTY, k, partitioner.ofId(d.id));
    }
  }

  /**
   * The dictionary term of {@code s}. Every fact asks for one or two (label, property key) and a
   * load has few of them, so the last eight are kept here: the shared dictionary cache's map
   * lookup was a sixth of the key builder's time.
   */
  private long term(String s) {
    for (int i = 0; i < memo.length && memo[i] != null; i++) {
      if (memo[i] == s || memo[i].equals(s)) {
        return memoTerms[i];
      }
    }
    long t = dictionary.intern(s);
    memo[memoNext] = s;
    memoTerms[memoNext] = t;
    memoNext = (memoNext + 1) % memo.length;
    return t;
  }

  /**
   * The keys of one quad in every order that holds it, with the same placement and values as the
   * graph-layer's QuadWriter: {@code value} in SPOG, GPSO and OSGP, {@code pogsValue} in POGS.
   * {@code objectPartition} places OSGP (edges only).
   */
  private void quad(KeyRuns runs, long s, QuadKind kind, long p, byte[] o, int oLength, long g,
      int objectPartition, byte[] value, int valueLength, byte[] pogsValue, int pogsLength) {
    int subjectPartition = partitioner.ofId(s);
    for (KeyOrder order : ORDERS) {
      if (!FactKeys.holds(order, kind, g)) {
        continue;
      }
      int kl = FactKeys.quad(order, key, s, kind, p, o, oLength, g);
      int partition = order.partitioning() == KeyOrder.Partitioning.OBJECT
          ? objectPartition : subjectPartition;
      if (order == KeyOrder.POGS) {
        runs.put(partition, spaces.of(order), key, kl, pogsValue, 0, pogsLength);
      } else {
        runs.put(partition, spaces.of(order), key, kl, value, 0, valueLength);
      }
    }
  }

  /** The {@code xid} entry of a new element, from the UTF-8 of its id in {@link #utf8}. */
  private void externalId(KeyRuns runs, ExternalIds.Kind kind, String id, long internalId) {
    int kl = FactKeys.externalId(key, kind, id, utf8.bytes, utf8.length);
    int vl = UnsignedVarint.write(object, 0, internalId);
    runs.put(FactKeys.partitionOf(utf8.bytes, utf8.length, partitioner.count()),
        externalIds.space(), key, kl, object, 0, vl);
  }
}
