package io.nereid.gremlin.process.traversal.step;

import io.nereid.gremlin.structure.NereidGraph;
import io.nereid.graph.GraphTxn;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.tinkerpop.gremlin.process.traversal.Step;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;
import org.apache.tinkerpop.gremlin.process.traversal.Traverser;
import org.apache.tinkerpop.gremlin.process.traversal.step.Profiling;
import org.apache.tinkerpop.gremlin.process.traversal.step.util.AbstractStep;
import org.apache.tinkerpop.gremlin.process.traversal.util.FastNoSuchElementException;
import org.apache.tinkerpop.gremlin.process.traversal.util.MutableMetrics;
import org.apache.tinkerpop.gremlin.structure.Element;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.apache.tinkerpop.gremlin.structure.util.StringFactory;

/**
 * {@code g.V().count()}, {@code g.E().count()} and the same after {@code hasLabel(...)}: answered
 * from the statistics the graph-layer keeps in every transaction, without a scan.
 */
public final class NereidCountStep<S extends Element> extends AbstractStep<S, Long> implements Profiling {

  private final Class<S> elementClass;
  private final List<String> labels;
  private boolean done;
  private MutableMetrics metrics;

  /** {@code labels} empty: all elements. */
  public NereidCountStep(Traversal.Admin<?, ?> traversal, Class<S> elementClass, List<String> labels) {
    super(traversal);
    this.elementClass = elementClass;
    this.labels = List.copyOf(labels);
  }

  @Override
  protected Traverser.Admin<Long> processNextStart() throws NoSuchElementException {
    if (done) {
      throw FastNoSuchElementException.instance();
    }
    done = true;
    GraphTxn txn = ((NereidGraph) getTraversal().getGraph().get()).currentTxn();
    boolean vertices = Vertex.class.isAssignableFrom(elementClass);
    long count = 0;
    if (labels.isEmpty()) {
      count = vertices ? txn.vertexCount() : txn.edgeCount();
    } else {
      for (String l : labels) {
        count += vertices ? txn.vertexCount(l) : txn.edgeCount(l);
      }
    }
    if (metrics != null) {
      metrics.setAnnotation("nereid", "statistics counters " + (labels.isEmpty() ? "(total)" : labels) + ", no scan");
    }
    return getTraversal().getTraverserGenerator().generate(count, (Step) this, 1L);
  }

  @Override
  public void setMetrics(MutableMetrics metrics) {
    this.metrics = metrics;
  }

  public List<String> labels() {
    return labels;
  }

  @Override
  public String toString() {
    return StringFactory.stepString(this, elementClass.getSimpleName().toLowerCase(), labels, "@statistics");
  }

  @Override
  public int hashCode() {
    return super.hashCode() ^ elementClass.hashCode() ^ labels.hashCode();
  }

  @Override
  public void reset() {
    super.reset();
    done = false;
  }
}
