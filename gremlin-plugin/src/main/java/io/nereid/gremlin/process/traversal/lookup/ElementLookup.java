package io.nereid.gremlin.process.traversal.lookup;

import io.nereid.graph.CloseableIterator;
import io.nereid.graph.GraphReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How a graph step finds its elements: one or more graph-layer lookups (ids, label, property value
 * or range, or a full scan), plus the has-containers that still have to be tested on each result.
 * Built by {@link LookupPlanner}; {@link #describe(int)} is what {@code explain()} and {@code
 * profile()} show.
 *
 * @param <R> VertexRecord or EdgeRecord
 */
public final class ElementLookup<R> {

  /** What kind of access path: the first word of the description. */
  public enum Kind {
    IDS("GPSO/SPOG point reads by id"),
    PROPERTY_EQUALS("POGS prefix scan by property value"),
    PROPERTY_RANGE("POGS range scan by property value"),
    LABEL("POGS prefix scan by label"),
    FULL_SCAN("POGS scan of every label");

    final String path;

    Kind(String path) {
      this.path = path;
    }
  }

  private final Kind kind;
  private final String detail;
  private final int scansPerPartition;
  private final List<Function<GraphReader, CloseableIterator<R>>> sources;
  private final Function<R, Long> idOf;

  ElementLookup(
      Kind kind,
      String detail,
      int scansPerPartition,
      List<Function<GraphReader, CloseableIterator<R>>> sources,
      Function<R, Long> idOf) {
    this.kind = kind;
    this.detail = detail;
    this.scansPerPartition = scansPerPartition;
    this.sources = List.copyOf(sources);
    this.idOf = idOf;
  }

  public Kind kind() {
    return kind;
  }

  /** Runs the lookups in turn, lazily; elements found by more than one appear once. */
  public CloseableIterator<R> open(GraphReader reader) {
    if (sources.size() == 1) {
      return sources.get(0).apply(reader);
    }
    List<Supplier<CloseableIterator<R>>> parts = new ArrayList<>(sources.size());
    for (Function<GraphReader, CloseableIterator<R>> s : sources) {
      parts.add(() -> s.apply(reader));
    }
    Set<Long> seen = new HashSet<>();
    return CloseableIterator.concat(parts).filter(r -> seen.add(idOf.apply(r)));
  }

  /** E.g. {@code POGS prefix scan by property value [name = "marko", label person] x 8 partitions}. */
  public String describe(int partitions) {
    String where =
        kind == Kind.IDS ? "" : " x " + scansPerPartition * partitions + " ranges on " + partitions + " partitions";
    return kind.path + " [" + detail + "]" + where;
  }

  @Override
  public String toString() {
    return kind.path + " [" + detail + "]";
  }
}
