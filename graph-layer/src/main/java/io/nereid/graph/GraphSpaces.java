package io.nereid.graph;

import io.nereid.graph.quad.KeyOrder;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvStore;
import java.util.List;

/**
 * The kv key spaces of a graph store, resolved once. Every partition holds all of them; which
 * partition a key goes to is decided per key space (see docs/STORAGE.md).
 */
public record GraphSpaces(
    KeySpace spog,
    KeySpace pogs,
    KeySpace gpso,
    KeySpace osgp,
    KeySpace dict,
    KeySpace term,
    KeySpace xid,
    KeySpace stats,
    KeySpace meta) {

  /** Key space names in declaration order; part of the storage format. */
  public static final List<String> NAMES =
      List.of("spog", "pogs", "gpso", "osgp", "dict", "term", "xid", "stats", "meta");

  public static GraphSpaces of(KvStore kv) {
    return new GraphSpaces(
        kv.keySpace("spog"),
        kv.keySpace("pogs"),
        kv.keySpace("gpso"),
        kv.keySpace("osgp"),
        kv.keySpace("dict"),
        kv.keySpace("term"),
        kv.keySpace("xid"),
        kv.keySpace("stats"),
        kv.keySpace("meta"));
  }

  public KeySpace of(KeyOrder order) {
    return switch (order) {
      case SPOG -> spog;
      case POGS -> pogs;
      case GPSO -> gpso;
      case OSGP -> osgp;
    };
  }
}
