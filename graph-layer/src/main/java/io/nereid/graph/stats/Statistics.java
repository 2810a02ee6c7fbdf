package io.nereid.graph.stats;

import io.nereid.graph.quad.Partitioner;
import io.nereid.graph.quad.QuadKind;
import io.nereid.kv.KeyRange;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvEntry;
import io.nereid.kv.KvIterator;
import io.nereid.kv.KvReader;
import io.nereid.kv.WriteTxn;
import io.nereid.kv.codec.FixedLong;
import io.nereid.kv.codec.KeyBuilder;

/**
 * Counters kept in the same transactions as the data, in key space {@code stats}, with {@link
 * WriteTxn#add} so that concurrent writers never conflict over them. Each counter lives in the
 * partition of the element it counts (a vertex's partition, an edge's out-vertex partition, the
 * in-vertex partition for in-degrees); a global count is the sum over partitions, one get each.
 *
 * <pre>
 *   01                                  vertices
 *   02                                  edges
 *   03 varint(label)                    vertices with that label
 *   04 varint(label)                    edges with that label
 *   05 kind varint(key)                 property values of that kind and key
 *   06 varint(vertex) dir varint(label) degree of a vertex per direction (01 out, 02 in) and label
 * </pre>
 */
public final class Statistics {

  public static final byte VERTICES = 0x01;
  public static final byte EDGES = 0x02;
  public static final byte VERTEX_LABEL = 0x03;
  public static final byte EDGE_LABEL = 0x04;
  public static final byte PROPERTY_KEY = 0x05;
  public static final byte DEGREE = 0x06;
  public static final byte OUT = 0x01;
  public static final byte IN = 0x02;

  private final KeySpace space;
  private final Partitioner partitioner;

  public Statistics(KeySpace space, Partitioner partitioner) {
    this.space = space;
    this.partitioner = partitioner;
  }

  public KeySpace space() {
    return space;
  }

  // ---- keys ----

  public static byte[] verticesKey() {
    return new byte[] {VERTICES};
  }

  public static byte[] edgesKey() {
    return new byte[] {EDGES};
  }

  public static byte[] vertexLabelKey(long label) {
    return new KeyBuilder(10).byteValue(VERTEX_LABEL).varint(label).build();
  }

  public static byte[] edgeLabelKey(long label) {
    return new KeyBuilder(10).byteValue(EDGE_LABEL).varint(label).build();
  }

  public static byte[] propertyKey(QuadKind kind, long key) {
    return new KeyBuilder(11).byteValue(PROPERTY_KEY).byteValue(kind.code()).varint(key).build();
  }

  public static byte[] degreeKey(long vertex, byte direction, long label) {
    return new KeyBuilder(20)
        .byteValue(DEGREE)
        .varint(vertex)
        .byteValue(direction)
        .varint(label)
        .build();
  }

  public static byte[] degreePrefix(long vertex, byte direction) {
    return new KeyBuilder(12).byteValue(DEGREE).varint(vertex).byteValue(direction).build();
  }

  // ---- updates, in the caller's transaction ----

  public void vertexAdded(WriteTxn txn, long vertex, long label, int delta) {
    int p = partitioner.ofId(vertex);
    txn.add(p, space, verticesKey(), delta);
    txn.add(p, space, vertexLabelKey(label), delta);
  }

  public void edgeAdded(WriteTxn txn, long out, long label, long in, int delta) {
    int p = partitioner.ofId(out);
    txn.add(p, space, edgesKey(), delta);
    txn.add(p, space, edgeLabelKey(label), delta);
    txn.add(p, space, degreeKey(out, OUT, label), delta);
    txn.add(partitioner.ofId(in), space, degreeKey(in, IN, label), delta);
  }

  public void propertyAdded(WriteTxn txn, long subject, QuadKind kind, long key, int delta) {
    txn.add(partitioner.ofId(subject), space, propertyKey(kind, key), delta);
  }

  // ---- reads ----

  /** Sum of one counter over all partitions. */
  public long total(KvReader reader, byte[] key) {
    long sum = 0;
    for (int p = 0; p < partitioner.count(); p++) {
      sum += value(reader.get(p, space, key));
    }
    return sum;
  }

  /** Degree of a vertex in one direction for one label. */
  public long degree(KvReader reader, long vertex, byte direction, long label) {
    return value(reader.get(partitioner.ofId(vertex), space, degreeKey(vertex, direction, label)));
  }

  /** Degree of a vertex in one direction over all labels (one short prefix scan). */
  public long degree(KvReader reader, long vertex, byte direction) {
    long sum = 0;
    KeyRange range = KeyRange.prefix(degreePrefix(vertex, direction));
    try (KvIterator it = reader.scan(partitioner.ofId(vertex), space, range)) {
      while (it.hasNext()) {
        KvEntry e = it.next();
        sum += value(e.value());
      }
    }
    return sum;
  }

  public static long value(byte[] counter) {
    return counter == null ? 0 : FixedLong.read(counter, 0);
  }
}
