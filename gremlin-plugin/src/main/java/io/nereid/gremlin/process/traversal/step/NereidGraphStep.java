package io.nereid.gremlin.process.traversal.step;

import io.nereid.gremlin.process.traversal.lookup.ElementLookup;
import io.nereid.gremlin.process.traversal.lookup.LookupPlanner;
import io.nereid.gremlin.structure.NereidGraph;
import io.nereid.gremlin.structure.NereidIterator;
import io.nereid.graph.CloseableIterator;
import io.nereid.graph.EdgeRecord;
import io.nereid.graph.GraphTxn;
import io.nereid.graph.VertexRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import org.apache.tinkerpop.gremlin.process.traversal.step.filter.FilterStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.HasContainerHolder;
import org.apache.tinkerpop.gremlin.process.traversal.step.Profiling;
import org.apache.tinkerpop.gremlin.process.traversal.step.map.GraphStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.util.HasContainer;
import org.apache.tinkerpop.gremlin.process.traversal.util.MutableMetrics;
import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.util.AndP;
import org.apache.tinkerpop.gremlin.structure.Element;
import org.apache.tinkerpop.gremlin.structure.util.StringFactory;
import org.apache.tinkerpop.gremlin.util.iterator.IteratorUtils;

/**
 * {@code g.V()} / {@code g.E()} with the has-containers that followed it folded in: the elements
 * come from an index lookup chosen by {@link LookupPlanner} (a POGS range scan on every partition,
 * merged lazily) instead of a scan of everything, and only what the lookup cannot decide is tested
 * per element.
 */
public final class NereidGraphStep<S, E extends Element> extends GraphStep<S, E>
    implements HasContainerHolder, AutoCloseable, Profiling {

  private final List<HasContainer> hasContainers = new ArrayList<>();
  private final List<Iterator<?>> opened = new ArrayList<>();
  private MutableMetrics metrics;

  public NereidGraphStep(GraphStep<S, E> original) {
    super(original.getTraversal(), original.getReturnClass(), original.isStartStep(), original.getIds());
    original.getLabels().forEach(this::addLabel);
    setIteratorSupplier(this::elements);
  }

  @SuppressWarnings("unchecked")
  private Iterator<E> elements() {
    NereidGraph graph = (NereidGraph) getTraversal().getGraph().get();
    Iterator<E> it;
    if (ids == null) {
      it = Collections.emptyIterator();
    } else if (ids.length > 0) {
      Iterator<? extends Element> byId = returnsVertex() ? graph.vertices(ids) : graph.edges(ids);
      it = (Iterator<E>) IteratorUtils.filter(byId, e -> test(e));
      if (metrics != null) { // only under profile(): the text is built per call
        annotate("GPSO/SPOG point reads by id [" + ids.length + " ids]");
      }
    } else {
      GraphTxn txn = graph.currentTxn();
      it = returnsVertex() ? (Iterator<E>) scan(txn, graph, true) : (Iterator<E>) scan(txn, graph, false);
    }
    opened.add(it);
    return it;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Iterator<? extends Element> scan(GraphTxn txn, NereidGraph graph, boolean vertices) {
    LookupPlanner.Plan plan = vertices ? LookupPlanner.vertices(hasContainers) : LookupPlanner.edges(hasContainers);
    annotate(plan.lookup().describe(graph.store().kv().partitionCount()));
    List<HasContainer> residual = plan.residual();
    Function<Object, Element> handle =
        vertices ? r -> graph.vertexHandle((VertexRecord) r) : r -> graph.edgeHandle((EdgeRecord) r);
    CloseableIterator<Element> elements =
        ((ElementLookup<Object>) plan.lookup()).open(txn).map(handle).filter(e -> test(e, residual));
    return NereidIterator.scan(elements, graph.tx());
  }

  /** The chosen plan, for explain() and tests: the description of the lookup. */
  public String plan() {
    if (ids != null && ids.length > 0) {
      return "GPSO/SPOG point reads by id [" + ids.length + " ids]";
    }
    LookupPlanner.Plan<?> plan =
        returnsVertex() ? LookupPlanner.vertices(hasContainers) : LookupPlanner.edges(hasContainers);
    NereidGraph graph = (NereidGraph) getTraversal().getGraph().orElse(null);
    return graph == null ? plan.lookup().toString() : plan.lookup().describe(graph.store().kv().partitionCount());
  }

  public ElementLookup.Kind planKind() {
    if (ids != null && ids.length > 0) {
      return ElementLookup.Kind.IDS;
    }
    return (returnsVertex() ? LookupPlanner.vertices(hasContainers) : LookupPlanner.edges(hasContainers))
        .lookup()
        .kind();
  }

  private boolean test(Element e) {
    return test(e, hasContainers);
  }

  /** Tests the containers; a comparison of incomparable types is false here, as in TinkerGraph. */
  private boolean test(Element e, List<HasContainer> containers) {
    try {
      return HasContainer.testAll(e, containers);
    } catch (org.apache.tinkerpop.gremlin.process.traversal.GremlinTypeErrorException x) {
      if (getTraversal().isRoot() || !(getTraversal().getParent() instanceof FilterStep)) {
        return false;
      }
      throw x;
    }
  }

  private void annotate(String description) {
    if (metrics != null) {
      metrics.setAnnotation("nereid", description);
    }
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
    if (container.getPredicate() instanceof AndP<?> and) {
      for (P<?> p : and.getPredicates()) {
        addHasContainer(new HasContainer(container.getKey(), p));
      }
    } else {
      hasContainers.add(container);
    }
  }

  @Override
  public String toString() {
    String what = returnClass.getSimpleName().toLowerCase();
    String how = "@" + plan();
    if (hasContainers.isEmpty()) {
      return StringFactory.stepString(this, what, Arrays.toString(ids), how);
    }
    return StringFactory.stepString(this, what, Arrays.toString(ids), hasContainers, how);
  }

  @Override
  public int hashCode() {
    return super.hashCode() ^ hasContainers.hashCode();
  }

  @Override
  public void close() {
    for (Iterator<?> it : opened) {
      org.apache.tinkerpop.gremlin.structure.util.CloseableIterator.closeIterator(it);
    }
    opened.clear();
  }
}
