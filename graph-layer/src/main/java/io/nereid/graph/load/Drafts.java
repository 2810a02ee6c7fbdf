package io.nereid.graph.load;

import io.nereid.graph.Cardinality;
import io.nereid.graph.GraphTxn;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The pending state of the elements a batch touches. A draft is either new (created by a row of
 * this batch) or existing (in the store before the batch: its stored values are read when first
 * needed). Rows merge into drafts in order; a {@link io.nereid.graph.load.BatchWriter} writes
 * them. Keeping the merged state, not the rows, is what makes the outcome independent of where
 * batches end: a value compared with "what the element has" sees the store and the batch alike.
 */
final class Drafts {

  private Drafts() {}

  /** Values of one property key of one element. */
  static final class KeyValues {
    /** Values in the store (empty for a new element). */
    final List<Object> stored;
    /** Values this batch adds. */
    final List<Object> added = new ArrayList<>(2);
    /** The stored values are to be removed (a single-cardinality update). */
    boolean replaced;

    KeyValues(List<Object> stored) {
      this.stored = stored;
    }

    boolean contains(Object v) {
      return (!replaced && containsSame(stored, v)) || containsSame(added, v);
    }

    int size() {
      return (replaced ? 0 : stored.size()) + added.size();
    }

    /** The only value, or null when there are none or several. */
    Object single() {
      if (size() != 1) {
        return null;
      }
      return added.isEmpty() ? stored.get(0) : added.get(0);
    }

    void replace(Object v) {
      if (!stored.isEmpty()) {
        replaced = true;
      }
      added.clear();
      added.add(v);
    }

    private static boolean containsSame(List<Object> list, Object v) {
      for (Object o : list) {
        if (same(o, v)) {
          return true;
        }
      }
      return false;
    }
  }

  /** Equal values of the same type (Integer 1 and Long 1 differ, as in the store's SET). */
  static boolean same(Object a, Object b) {
    return a.getClass() == b.getClass() && a.equals(b);
  }

  /** A vertex touched by the batch. */
  static final class VertexDraft {
    final String externalId;
    final boolean existing;
    long id; // 0 until a new vertex is written
    final String storedLabel; // existing vertices
    final TreeSet<String> labels = new TreeSet<>();
    boolean labelsChanged;
    final PropertyDrafts properties = new PropertyDrafts();

    VertexDraft(String externalId, long id, String storedLabel) {
      this.externalId = externalId;
      this.existing = storedLabel != null;
      this.id = id;
      this.storedLabel = storedLabel;
      if (storedLabel != null) {
        labels.addAll(splitLabel(storedLabel));
      }
    }

    /** The label to store: Neptune shows several labels joined by "::"; kept sorted here. */
    String label() {
      return String.join(LABEL_SEPARATOR, labels);
    }

    boolean needsTransaction() {
      if (!existing) {
        return false;
      }
      return labelsChanged || properties.anyReplaced();
    }

    /**
     * Writes the batch's values through a transaction: the first value of a replaced key as
     * single (it clears the old ones), every other one added to the set.
     */
    void writeProperties(GraphTxn txn) {
      for (int i = 0; i < properties.size(); i++) {
        KeyValues kv = properties.value(i);
        boolean first = true;
        for (Object v : kv.added) {
          Cardinality c = first && kv.replaced ? Cardinality.SINGLE : Cardinality.SET;
          txn.addVertexProperty(id, c, properties.key(i), v);
          first = false;
        }
      }
    }
  }

  /** An edge touched by the batch. */
  static final class EdgeDraft {
    final String externalId;
    final boolean existing;
    long id; // 0 until a new edge is written
    final long out;
    final long in;
    final String label;
    final PropertyDrafts properties = new PropertyDrafts();

    EdgeDraft(String externalId, boolean existing, long id, long out, long in, String label) {
      this.externalId = externalId;
      this.existing = existing;
      this.id = id;
      this.out = out;
      this.in = in;
      this.label = label;
    }

    boolean needsTransaction() {
      return existing && properties.anyReplaced();
    }

    /** Writes the batch's values through a transaction (edge properties are single-valued). */
    void writeProperties(GraphTxn txn) {
      for (int i = 0; i < properties.size(); i++) {
        if (!properties.value(i).added.isEmpty()) {
          txn.setEdgeProperty(id, properties.key(i), properties.value(i).added.get(0));
        }
      }
    }
  }

  public static final String LABEL_SEPARATOR = "::";

  static List<String> splitLabel(String label) {
    List<String> out = new ArrayList<>();
    for (String s : label.split(LABEL_SEPARATOR, -1)) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    if (out.isEmpty()) {
      out.add(label);
    }
    return out;
  }
}
