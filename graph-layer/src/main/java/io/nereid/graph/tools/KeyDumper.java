package io.nereid.graph.tools;

import io.nereid.graph.GraphStore;
import io.nereid.graph.quad.KeyOrder;
import io.nereid.graph.quad.Quad;
import io.nereid.graph.quad.QuadKind;
import io.nereid.graph.stats.Statistics;
import io.nereid.graph.value.Utf8;
import io.nereid.kv.ByteKeys;
import io.nereid.kv.KeyRange;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvEntry;
import io.nereid.kv.KvIterator;
import io.nereid.kv.Snapshot;
import io.nereid.kv.codec.FixedLong;
import io.nereid.kv.codec.UnsignedVarint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Date;

/**
 * Writes every key of a graph store, key space by key space and partition by partition, as hex with
 * its decoded meaning. docs/STORAGE.md's worked example is this output for the modern graph.
 *
 * <p>Notation: {@code vN} vertex, {@code eN} edge, {@code pN} vertex property (internal ids),
 * {@code tN} dictionary term; values are typed ({@code 29} Integer, {@code 29L} Long, {@code 0.5d}
 * Double, {@code "x"} String).
 */
public final class KeyDumper {

  private final GraphStore store;
  private final Appendable out;

  public KeyDumper(GraphStore store, Appendable out) {
    this.store = store;
    this.out = out;
  }

  public void dumpAll() {
    try (Snapshot snap = store.kv().snapshot()) {
      for (KeySpace space : store.kv().keySpaces()) {
        for (int p = 0; p < store.partitioner().count(); p++) {
          try (KvIterator it = snap.scan(p, space, KeyRange.all())) {
            while (it.hasNext()) {
              KvEntry e = it.next();
              line(space.name(), p, e, describe(space.name(), e));
            }
          }
        }
      }
    }
  }

  private void line(String space, int p, KvEntry e, String meaning) {
    try {
      String value = e.value().length == 0 ? "" : ByteKeys.toHex(e.value());
      out.append(
          String.format(
              "%-5s %d  %-41s %-23s %s%n", space, p, spaced(e.key()), spacedHex(value), meaning));
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  private String describe(String space, KvEntry e) {
    byte[] k = e.key();
    byte[] v = e.value();
    return switch (space) {
      case "spog", "pogs", "gpso", "osgp" ->
          quad(KeyOrder.valueOf(space.toUpperCase()).decode(k), space, v);
      case "dict" ->
          (k[0] == 1
                  ? quoted(Utf8.decode(java.util.Arrays.copyOfRange(k, 1, k.length)))
                  : "sha256 " + ByteKeys.toHex(k).substring(2, 18) + "...")
              + " -> t"
              + UnsignedVarint.read(v, 0);
      case "term" -> "t" + UnsignedVarint.read(k, 0) + " -> " + quoted(Utf8.decode(v));
      case "xid" ->
          (k[0] == 1 ? "vertex " : "edge ")
              + (k[1] == 1
                  ? quoted(Utf8.decode(java.util.Arrays.copyOfRange(k, 2, k.length)))
                  : "sha256(...)")
              + " -> "
              + (k[0] == 1 ? "v" : "e")
              + UnsignedVarint.read(v, 0);
      case "stats" -> stat(k) + " = " + Statistics.value(v);
      case "meta" -> Utf8.decode(k) + " = " + FixedLong.read(v, 0);
      default -> "";
    };
  }

  private String quad(Quad q, String space, byte[] value) {
    String s =
        switch (q.kind()) {
          case LABEL, VERTEX_PROPERTY, EDGE -> "v" + q.s();
          case EDGE_PROPERTY -> "e" + q.s();
          case META_PROPERTY -> "p" + q.s();
        };
    String p = q.kind() == QuadKind.LABEL ? "~label" : term(q.p());
    String o =
        switch (q.kind()) {
          case LABEL -> term(q.objectId());
          case EDGE -> "v" + q.objectId();
          default -> value(store.values().decode(q.o()));
        };
    String g =
        switch (q.kind()) {
          case EDGE -> "e" + q.g();
          case VERTEX_PROPERTY -> "p" + q.g();
          default -> "-";
        };
    String fact = "(" + s + ", " + p + ", " + o + ", " + g + ")";
    String v = "";
    if (q.kind() == QuadKind.LABEL || q.kind() == QuadKind.EDGE) {
      v = value.length == 0 ? "" : "  id " + quoted(Utf8.decode(value));
    } else if (space.equals("pogs") && value.length > 0) {
      v = "  subject label " + term(UnsignedVarint.read(value, 0));
    }
    return fact + v;
  }

  private String stat(byte[] k) {
    return switch (k[0]) {
      case Statistics.VERTICES -> "vertices";
      case Statistics.EDGES -> "edges";
      case Statistics.VERTEX_LABEL -> "vertices labelled " + term(UnsignedVarint.read(k, 1));
      case Statistics.EDGE_LABEL -> "edges labelled " + term(UnsignedVarint.read(k, 1));
      case Statistics.PROPERTY_KEY ->
          QuadKind.ofCode(k[1]).name().toLowerCase()
              + " values of "
              + term(UnsignedVarint.read(k, 2));
      case Statistics.DEGREE -> {
        long vertex = UnsignedVarint.read(k, 1);
        int at = 1 + UnsignedVarint.lengthAt(k, 1);
        yield "degree v"
            + vertex
            + (k[at] == Statistics.OUT ? " out " : " in ")
            + term(UnsignedVarint.read(k, at + 1));
      }
      default -> "?";
    };
  }

  private String term(long t) {
    return store.dictionary().string(t) + "(t" + t + ")";
  }

  static String value(Object v) {
    if (v instanceof String s) {
      return quoted(s.length() > 40 ? s.substring(0, 37) + "..." : s);
    }
    if (v instanceof Long) return v + "L";
    if (v instanceof Double) return v + "d";
    if (v instanceof Float) return v + "f";
    if (v instanceof Short) return "(short)" + v;
    if (v instanceof Byte) return "(byte)" + v;
    if (v instanceof Date d) return "Date(" + d.getTime() + ")";
    return String.valueOf(v);
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\u0000", "\\0") + "\"";
  }

  private static String spaced(byte[] b) {
    return spacedHex(ByteKeys.toHex(b));
  }

  private static String spacedHex(String hex) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 2) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(hex, i, i + 2);
    }
    return sb.toString();
  }
}
