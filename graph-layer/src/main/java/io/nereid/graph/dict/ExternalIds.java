package io.nereid.graph.dict;

import io.nereid.graph.quad.Partitioner;
import io.nereid.graph.value.Utf8;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvReader;
import io.nereid.kv.WriteTxn;
import io.nereid.kv.codec.UnsignedVarint;

/**
 * The external-id index (key space {@code xid}): user-visible string ids to internal ids.
 *
 * <pre>
 *   key   = kind (01 vertex, 02 edge) + form (01 utf8 | 02 sha256(utf8) beyond 400 bytes)
 *   value = varint(internal id)
 *   partition = FNV-1a(utf8) mod partitions
 * </pre>
 *
 * Unlike labels and keys, entries are written inside the user transaction, next to the element they
 * name: two transactions creating the same id both write this key, so one of them loses a
 * write-write conflict, which is what makes external ids unique. They are deleted with the element.
 * Vertices and edges have separate kinds, so a vertex and an edge may share an id.
 */
public final class ExternalIds {

  /** Element kinds that have external ids. */
  public enum Kind {
    VERTEX(0x01),
    EDGE(0x02);

    final byte code;

    Kind(int code) {
      this.code = (byte) code;
    }

    public byte code() {
      return code;
    }
  }

  private final KeySpace space;
  private final Partitioner partitioner;

  public ExternalIds(KeySpace space, Partitioner partitioner) {
    this.space = space;
    this.partitioner = partitioner;
  }

  public KeySpace space() {
    return space;
  }

  public static byte[] key(Kind kind, String externalId) {
    byte[] fwd = KvDictionary.forwardKey(Utf8.encode(externalId));
    byte[] k = new byte[fwd.length + 1];
    k[0] = kind.code;
    System.arraycopy(fwd, 0, k, 1, fwd.length);
    return k;
  }

  public int partition(String externalId) {
    return partitioner.ofString(externalId);
  }

  /** The internal id, or -1. */
  public long lookup(KvReader reader, Kind kind, String externalId) {
    byte[] v = reader.get(partition(externalId), space, key(kind, externalId));
    return v == null ? -1 : UnsignedVarint.read(v, 0);
  }

  public void put(WriteTxn txn, Kind kind, String externalId, long internalId) {
    txn.put(partition(externalId), space, key(kind, externalId), UnsignedVarint.encode(internalId));
  }

  public void delete(WriteTxn txn, Kind kind, String externalId) {
    txn.delete(partition(externalId), space, key(kind, externalId));
  }
}
