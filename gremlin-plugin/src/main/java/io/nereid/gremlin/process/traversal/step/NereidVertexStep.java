package io.nereid.gremlin.process.traversal.step;

import io.nereid.gremlin.structure.NereidGraph;
import io.nereid.gremlin.structure.NereidIterator;
import io.nereid.gremlin.structure.NereidVertex;
import io.nereid.graph.CloseableIterator;
import io.nereid.graph.GraphTxn;
import io.nereid.graph.PropertyFilter;
import io.nereid.graph.value.ValueType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.tinkerpop.gremlin.process.traversal.Compare;
import org.apache.tinkerpop.gremlin.process.traversal.Traverser;
import org.apache.tinkerpop.gremlin.process.traversal.step.HasContainerHolder;
import org.apache.tinkerpop.gremlin.process.traversal.step.Profiling;
import org.apache.tinkerpop.gremlin.process.traversal.step.map.VertexStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.util.HasContainer;
import org.apache.tinkerpop.gremlin.process.traversal.util.MutableMetrics;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Element;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.apache.tinkerpop.gremlin.structure.util.StringFactory;

/**
 * {@code out/in/both/outE/inE/bothE(labels)} as prefix scans of the vertex's adjacency: SPOG for
 * out-edges (in the vertex's partition), OSGP for in-edges, one scan per label so other labels are
 * skipped without being read. For edge results, has-containers that followed are folded in; an
 * equality on a string or boolean edge property is checked during the scan.
 */
public final class NereidVertexStep<E extends Element> extends VertexStep<E>
    implements HasContainerHolder, Profiling {

  private final List<HasContainer> hasContainers = new ArrayList<>();
  private MutableMetrics metrics;

  public NereidVertexStep(VertexStep<E> original) {
    super(original.getTraversal(), original.getReturnClass(), original.getDirection(), original.getEdgeLabels());
    original.getLabels().forEach(this::addLabel);
  }

  @Override
  @SuppressWarnings("unchecked")
  protected Iterator<E> flatMap(Traverser.Admin<Vertex> traverser) {
    Vertex v = traverser.get();
    if (!(v instanceof NereidVertex nv)) {
      Iterator<E> plain = super.flatMap(traverser);
      return hasContainers.isEmpty() ? plain : org.apache.tinkerpop.gremlin.util.iterator.IteratorUtils.filter(plain, e -> HasContainer.testAll(e, hasContainers));
    }
    NereidGraph graph = nv.graph();
    GraphTxn txn = graph.currentTxn();
    io.nereid.graph.Direction dir = io.nereid.graph.Direction.valueOf(getDirection().name());
    annotate();
    CloseableIterator<? extends Element> out;
    if (returnsVertex()) {
      out = txn.neighbors(nv.internalId(), dir, getEdgeLabels()).map(graph::vertexHandle);
    } else {
      CloseableIterator<Element> edges =
          txn.edgesOf(nv.internalId(), dir, Arrays.asList(getEdgeLabels()), scanFilter())
              .map(graph::edgeHandle);
      out = hasContainers.isEmpty() ? edges : edges.filter(e -> HasContainer.testAll(e, hasContainers));
    }
    return NereidIterator.of((CloseableIterator<E>) out);
  }

  /** An equality the scan can check exactly (types that never compare across types). */
  private PropertyFilter scanFilter() {
    for (HasContainer c : hasContainers) {
      Object v = c.getPredicate().getValue();
      if (c.getBiPredicate() == Compare.eq
          && !c.getKey().startsWith("~")
          && (v instanceof String || v instanceof Boolean)
          && ValueType.isSupported(v)) {
        return PropertyFilter.eq(c.getKey(), v);
      }
    }
    return null;
  }

  private void annotate() {
    if (metrics != null) {
      metrics.setAnnotation("nereid", describe());
    }
  }

  /** The key ranges this step reads per incoming vertex. */
  public String describe() {
    String index =
        switch (getDirection()) {
          case OUT -> "SPOG";
          case IN -> "OSGP";
          default -> "SPOG+OSGP";
        };
    String labels = getEdgeLabels().length == 0 ? "all labels" : "labels " + Arrays.toString(getEdgeLabels());
    PropertyFilter f = returnsEdge() ? scanFilter() : null;
    return index + " prefix scan in the vertex's partition, " + labels
        + (f == null ? "" : ", edge filter " + f.key() + " = " + f.value());
  }

  @Override
  public void setMetrics(MutableMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public List<HasContainer> getHasContainers() {
    return Collections.unmodifiableList(hasContainers);
  }

  @Override
  public void addHasContainer(HasContainer container) {
    hasContainers.add(container);
  }

  @Override
  public String toString() {
    String what = getReturnClass().getSimpleName().toLowerCase();
    return hasContainers.isEmpty()
        ? StringFactory.stepString(this, getDirection(), Arrays.asList(getEdgeLabels()), what, "@" + describe())
        : StringFactory.stepString(
            this, getDirection(), Arrays.asList(getEdgeLabels()), what, hasContainers, "@" + describe());
  }

  @Override
  public int hashCode() {
    return super.hashCode() ^ hasContainers.hashCode();
  }


}
