package io.nereid.gremlin.process.traversal.lookup;

import io.nereid.graph.CloseableIterator;
import io.nereid.graph.EdgeRecord;
import io.nereid.graph.GraphReader;
import io.nereid.graph.ValueRange;
import io.nereid.graph.VertexRecord;
import io.nereid.graph.value.ValueType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.function.Function;
import org.apache.tinkerpop.gremlin.process.traversal.Compare;
import org.apache.tinkerpop.gremlin.process.traversal.Contains;
import org.apache.tinkerpop.gremlin.process.traversal.step.util.HasContainer;
import org.apache.tinkerpop.gremlin.structure.T;

/**
 * Chooses the access path for {@code g.V()} / {@code g.E()} with has-containers: a property
 * equality (or {@code within}) beats a property range, which beats a label, which beats a full scan.
 * The chosen lookup may return a superset; {@link Plan#residual()} lists the containers the step
 * must still test. Numbers are looked up in every numeric type (Gremlin compares across types).
 */
public final class LookupPlanner {

  private static final String LABEL = T.label.getAccessor();

  private LookupPlanner() {}

  /** A lookup and the containers it leaves to test. */
  public record Plan<R>(ElementLookup<R> lookup, List<HasContainer> residual) {}

  public static Plan<VertexRecord> vertices(List<HasContainer> containers) {
    return plan(containers, VERTEX);
  }

  public static Plan<EdgeRecord> edges(List<HasContainer> containers) {
    return plan(containers, EDGE);
  }

  /** The graph-layer calls for one element type. */
  private interface Access<R> {
    CloseableIterator<R> all(GraphReader r);

    CloseableIterator<R> byLabel(GraphReader r, String label);

    CloseableIterator<R> byValue(GraphReader r, String label, String key, Object value);

    CloseableIterator<R> byRange(GraphReader r, String label, String key, ValueRange range);

    long id(R record);
  }

  private static final Access<VertexRecord> VERTEX =
      new Access<>() {
        public CloseableIterator<VertexRecord> all(GraphReader r) {
          return r.vertices();
        }

        public CloseableIterator<VertexRecord> byLabel(GraphReader r, String label) {
          return r.verticesByLabel(label);
        }

        public CloseableIterator<VertexRecord> byValue(GraphReader r, String l, String k, Object v) {
          return r.verticesByProperty(l, k, v);
        }

        public CloseableIterator<VertexRecord> byRange(GraphReader r, String l, String k, ValueRange v) {
          return r.verticesByRange(l, k, v);
        }

        public long id(VertexRecord record) {
          return record.id();
        }
      };

  private static final Access<EdgeRecord> EDGE =
      new Access<>() {
        public CloseableIterator<EdgeRecord> all(GraphReader r) {
          return r.edges();
        }

        public CloseableIterator<EdgeRecord> byLabel(GraphReader r, String label) {
          return r.edgesByLabel(label);
        }

        public CloseableIterator<EdgeRecord> byValue(GraphReader r, String l, String k, Object v) {
          return r.edgesByProperty(l, k, v);
        }

        public CloseableIterator<EdgeRecord> byRange(GraphReader r, String l, String k, ValueRange v) {
          return r.edgesByRange(l, k, v);
        }

        public long id(EdgeRecord record) {
          return record.id();
        }
      };

  private static <R> Plan<R> plan(List<HasContainer> containers, Access<R> access) {
    List<String> labels = labels(containers);
    String label = labels != null && labels.size() == 1 ? labels.get(0) : null;
    HasContainer labelContainer = label == null ? null : labelContainer(containers);

    for (HasContainer c : containers) {
      List<Object> values = equalityValues(c);
      if (values != null) {
        return equality(containers, access, c, values, label, labelContainer);
      }
    }
    for (HasContainer c : containers) {
      if (c.getKey() != null && !c.getKey().equals(LABEL) && rangeOf(containers, c.getKey()) != null) {
        return range(containers, access, c.getKey(), label, labelContainer);
      }
    }
    if (labels != null) {
      List<Function<GraphReader, CloseableIterator<R>>> sources = new ArrayList<>();
      for (String l : labels) {
        sources.add(r -> access.byLabel(r, l));
      }
      List<HasContainer> residual = new ArrayList<>(containers);
      residual.remove(labelContainer(containers));
      return new Plan<>(
          new ElementLookup<>(ElementLookup.Kind.LABEL, "~label in " + labels, labels.size(), sources, access::id),
          residual);
    }
    return new Plan<>(
        new ElementLookup<>(ElementLookup.Kind.FULL_SCAN, "all", 1, List.of(access::all), access::id),
        containers);
  }

  private static <R> Plan<R> equality(
      List<HasContainer> containers,
      Access<R> access,
      HasContainer c,
      List<Object> values,
      String label,
      HasContainer labelContainer) {
    String key = c.getKey();
    List<Function<GraphReader, CloseableIterator<R>>> sources = new ArrayList<>();
    List<Object> forms = new ArrayList<>();
    for (Object v : values) {
      for (Object form : v instanceof Number n ? NumericForms.equalValues(n) : List.of(v)) {
        forms.add(form);
        sources.add(r -> access.byValue(r, label, key, form));
      }
    }
    List<HasContainer> residual = new ArrayList<>(containers);
    residual.remove(c);
    if (labelContainer != null) {
      residual.remove(labelContainer);
    }
    String detail = key + " = " + describeValues(forms) + (label == null ? "" : ", ~label " + label);
    return new Plan<>(
        new ElementLookup<>(ElementLookup.Kind.PROPERTY_EQUALS, detail, sources.size(), sources, access::id),
        residual);
  }

  private static <R> Plan<R> range(
      List<HasContainer> containers, Access<R> access, String key, String label, HasContainer labelContainer) {
    Object[] bounds = rangeOf(containers, key);
    List<ValueRange> ranges;
    if (bounds[0] instanceof Number || bounds[1] instanceof Number) {
      ranges = NumericForms.covering((Number) bounds[0], (Number) bounds[1]);
    } else {
      ranges = List.of(new ValueRange(bounds[0], true, bounds[1], true));
    }
    List<Function<GraphReader, CloseableIterator<R>>> sources = new ArrayList<>();
    for (ValueRange vr : ranges) {
      sources.add(r -> access.byRange(r, label, key, vr));
    }
    List<HasContainer> residual = new ArrayList<>(containers);
    if (labelContainer != null) {
      residual.remove(labelContainer);
    }
    String detail =
        key + " in [" + bounds[0] + ", " + bounds[1] + "] over " + ranges.size() + " value type(s)"
            + (label == null ? "" : ", ~label " + label);
    if (sources.isEmpty()) {
      return new Plan<>(
          new ElementLookup<>(ElementLookup.Kind.FULL_SCAN, "all", 1, List.of(access::all), access::id),
          containers);
    }
    return new Plan<>(
        new ElementLookup<>(ElementLookup.Kind.PROPERTY_RANGE, detail, sources.size(), sources, access::id),
        residual);
  }

  /** The values an equality or {@code within} container on a property asks for, or null. */
  private static List<Object> equalityValues(HasContainer c) {
    if (c.getKey() == null || c.getKey().equals(LABEL) || c.getKey().equals(T.id.getAccessor())) {
      return null;
    }
    Object v = c.getPredicate().getValue();
    if (c.getBiPredicate() == Compare.eq && indexable(v)) {
      return List.of(v);
    }
    if (c.getBiPredicate() == Contains.within && v instanceof Collection<?> all && !all.isEmpty()) {
      for (Object x : all) {
        if (!indexable(x)) {
          return null;
        }
      }
      return new ArrayList<>(all);
    }
    return null;
  }

  private static boolean indexable(Object v) {
    if (v instanceof Double d && d.isNaN() || v instanceof Float f && f.isNaN()) {
      return false; // NaN equals nothing, not even NaN
    }
    return v instanceof Number ? v instanceof Byte || v instanceof Short || v instanceof Integer
        || v instanceof Long || v instanceof Float || v instanceof Double
        : v != null && ValueType.isSupported(v);
  }

  /**
   * The tightest [lower, upper] bounds (inclusive, may be null) the range containers on {@code key}
   * give, or null if there are none usable. Strictness is left to the residual filter.
   */
  private static Object[] rangeOf(List<HasContainer> containers, String key) {
    Object lower = null;
    Object upper = null;
    for (HasContainer c : containers) {
      if (!key.equals(c.getKey())) {
        continue;
      }
      Object v = c.getPredicate().getValue();
      if (!rangeable(v)) {
        continue;
      }
      if (c.getBiPredicate() == Compare.gt || c.getBiPredicate() == Compare.gte) {
        lower = lower == null || compare(v, lower) > 0 ? v : lower;
      } else if (c.getBiPredicate() == Compare.lt || c.getBiPredicate() == Compare.lte) {
        upper = upper == null || compare(v, upper) < 0 ? v : upper;
      }
    }
    if (lower == null && upper == null) {
      return null;
    }
    if (lower != null && upper != null && kindOf(lower) != kindOf(upper)) {
      return null;
    }
    return new Object[] {lower, upper};
  }

  private static boolean rangeable(Object v) {
    return (v instanceof Number && indexable(v)) || v instanceof String || v instanceof Date;
  }

  private static int kindOf(Object v) {
    return v instanceof Number ? 0 : v instanceof String ? 1 : 2;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    if (kindOf(a) != kindOf(b)) {
      return 0;
    }
    if (a instanceof Number x && b instanceof Number y) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    return ((Comparable) a).compareTo(b);
  }

  /** The labels asked for by one {@code hasLabel} container, or null. */
  private static List<String> labels(List<HasContainer> containers) {
    HasContainer c = labelContainer(containers);
    if (c == null) {
      return null;
    }
    Object v = c.getPredicate().getValue();
    if (c.getBiPredicate() == Compare.eq && v instanceof String s) {
      return List.of(s);
    }
    List<String> out = new ArrayList<>();
    for (Object x : (Collection<?>) v) {
      if (!(x instanceof String s)) {
        return null;
      }
      out.add(s);
    }
    return out.isEmpty() ? null : out;
  }

  private static HasContainer labelContainer(List<HasContainer> containers) {
    for (HasContainer c : containers) {
      if (LABEL.equals(c.getKey())) {
        Object v = c.getPredicate().getValue();
        if (c.getBiPredicate() == Compare.eq && v instanceof String
            || c.getBiPredicate() == Contains.within && v instanceof Collection<?>) {
          return c;
        }
      }
    }
    return null;
  }

  private static String describeValues(List<Object> forms) {
    List<String> out = new ArrayList<>(forms.size());
    for (Object f : forms) {
      out.add(f instanceof String s ? "\"" + s + "\"" : f + " (" + f.getClass().getSimpleName() + ")");
    }
    return out.size() == 1 ? out.get(0) : out.toString();
  }
}
