package io.nereid.gremlin.process.traversal.step;

import io.nereid.gremlin.structure.NereidGraph;
import io.nereid.gremlin.structure.NereidVertex;
import java.util.EnumSet;
import java.util.Set;
import org.apache.tinkerpop.gremlin.process.traversal.Operator;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;
import org.apache.tinkerpop.gremlin.process.traversal.Traverser;
import org.apache.tinkerpop.gremlin.process.traversal.step.Profiling;
import org.apache.tinkerpop.gremlin.process.traversal.step.util.ReducingBarrierStep;
import org.apache.tinkerpop.gremlin.process.traversal.traverser.TraverserRequirement;
import org.apache.tinkerpop.gremlin.process.traversal.util.MutableMetrics;
import org.apache.tinkerpop.gremlin.structure.Direction;
import org.apache.tinkerpop.gremlin.structure.Vertex;
import org.apache.tinkerpop.gremlin.structure.util.StringFactory;
import org.apache.tinkerpop.gremlin.util.function.ConstantSupplier;
import org.apache.tinkerpop.gremlin.util.iterator.IteratorUtils;
import java.util.Arrays;
import java.util.function.BinaryOperator;

/**
 * {@code out(labels).count()} and its kin ({@code in}, {@code both}, {@code outE}, ...): each
 * incoming vertex contributes its degree, read from the statistics the graph-layer keeps per vertex,
 * direction and edge label, instead of iterating its edges.
 */
public final class NereidDegreeCountStep extends ReducingBarrierStep<Vertex, Long> implements Profiling {

  private final Direction direction;
  private final String[] edgeLabels;
  private MutableMetrics metrics;

  @SuppressWarnings({"unchecked", "rawtypes"})
  public NereidDegreeCountStep(Traversal.Admin<?, ?> traversal, Direction direction, String... edgeLabels) {
    super(traversal);
    this.direction = direction;
    this.edgeLabels = edgeLabels;
    setSeedSupplier(new ConstantSupplier<>(0L));
    setReducingBiOperator((BinaryOperator) Operator.sumLong);
  }

  @Override
  public Long projectTraverser(Traverser.Admin<Vertex> traverser) {
    Vertex v = traverser.get();
    long degree;
    if (v instanceof NereidVertex nv) {
      NereidGraph graph = nv.graph();
      degree =
          graph.currentTxn()
              .degree(nv.internalId(), io.nereid.graph.Direction.valueOf(direction.name()), edgeLabels);
    } else {
      degree = IteratorUtils.count(v.edges(direction, edgeLabels)); // not ours: count the edges
    }
    if (metrics != null) {
      metrics.setAnnotation("nereid", "degree statistics " + direction + " " + Arrays.toString(edgeLabels) + ", no scan");
    }
    return degree * traverser.bulk();
  }

  public Direction direction() {
    return direction;
  }

  @Override
  public void setMetrics(MutableMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public Set<TraverserRequirement> getRequirements() {
    return EnumSet.of(TraverserRequirement.BULK, TraverserRequirement.OBJECT);
  }

  @Override
  public String toString() {
    return StringFactory.stepString(this, direction, Arrays.asList(edgeLabels), "@degree-statistics");
  }
}
