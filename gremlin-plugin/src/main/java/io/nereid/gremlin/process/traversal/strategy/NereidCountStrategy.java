package io.nereid.gremlin.process.traversal.strategy;

import io.nereid.gremlin.process.traversal.step.NereidCountStep;
import io.nereid.gremlin.process.traversal.step.NereidDegreeCountStep;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.tinkerpop.gremlin.process.traversal.Compare;
import org.apache.tinkerpop.gremlin.process.traversal.Contains;
import org.apache.tinkerpop.gremlin.process.traversal.Step;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;
import org.apache.tinkerpop.gremlin.process.traversal.TraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.step.filter.HasStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.map.CountGlobalStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.map.GraphStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.map.GroupStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.sideEffect.GroupSideEffectStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.map.VertexStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.util.HasContainer;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.AbstractTraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.util.TraversalHelper;
import org.apache.tinkerpop.gremlin.structure.T;

/**
 * Counts from statistics instead of scans: {@code g.V().count()}, {@code g.E().count()} and their
 * {@code hasLabel(...)} forms become a {@link NereidCountStep}; {@code out(labels).count()} and the
 * other adjacency steps followed directly by {@code count()} become a {@link NereidDegreeCountStep}.
 */
public final class NereidCountStrategy
    extends AbstractTraversalStrategy<TraversalStrategy.ProviderOptimizationStrategy>
    implements TraversalStrategy.ProviderOptimizationStrategy {

  private static final NereidCountStrategy INSTANCE = new NereidCountStrategy();

  private NereidCountStrategy() {}

  public static NereidCountStrategy instance() {
    return INSTANCE;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void apply(Traversal.Admin<?, ?> traversal) {
    if (TraversalHelper.onGraphComputer(traversal)) {
      return;
    }
    if (traversal.isRoot() && wholeGraphCount(traversal)) {
      return;
    }
    if (splitsReducingBarriers(traversal)) {
      return;
    }
    for (CountGlobalStep count : TraversalHelper.getStepsOfClass(CountGlobalStep.class, traversal)) {
      Step<?, ?> previous = count.getPreviousStep();
      if (previous instanceof VertexStep<?> vs
          && previous.getLabels().isEmpty()
          && count.getLabels().isEmpty()) {
        NereidDegreeCountStep degree =
            new NereidDegreeCountStep(traversal, vs.getDirection(), vs.getEdgeLabels());
        StepEdits.remove(traversal, count);
        StepEdits.replace(traversal, vs, degree);
      }
    }
  }

  /**
   * group().by(...) runs the steps before a reducing barrier per element and applies the barrier's
   * reduction itself, so a by-traversal ending in count() must keep its own shape there.
   */
  private static boolean splitsReducingBarriers(Traversal.Admin<?, ?> traversal) {
    Object parent = traversal.getParent();
    return parent instanceof GroupStep || parent instanceof GroupSideEffectStep;
  }

  /** [GraphStep(no ids) HasStep(~label eq/within)? CountGlobalStep], nothing labelled. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean wholeGraphCount(Traversal.Admin<?, ?> traversal) {
    List<Step> steps = traversal.getSteps();
    if (steps.size() < 2 || steps.size() > 3
        || !(steps.get(0) instanceof GraphStep<?, ?> graphStep)
        || graphStep.getIds().length != 0
        || !(steps.get(steps.size() - 1) instanceof CountGlobalStep)) {
      return false;
    }
    for (Step s : steps) {
      if (!s.getLabels().isEmpty()) {
        return false;
      }
    }
    List<String> labels = new ArrayList<>();
    if (steps.size() == 3) {
      if (!(steps.get(1) instanceof HasStep<?> has) || has.getHasContainers().size() != 1) {
        return false;
      }
      List<String> l = labelValues(has.getHasContainers().get(0));
      if (l == null) {
        return false;
      }
      labels.addAll(l);
    }
    Class elementClass = graphStep.getReturnClass();
    TraversalHelper.removeAllSteps(traversal);
    traversal.addStep(new NereidCountStep<>(traversal, elementClass, labels));
    return true;
  }

  private static List<String> labelValues(HasContainer c) {
    if (!T.label.getAccessor().equals(c.getKey())) {
      return null;
    }
    Object v = c.getPredicate().getValue();
    if (c.getBiPredicate() == Compare.eq && v instanceof String s) {
      return List.of(s);
    }
    if (c.getBiPredicate() == Contains.within && v instanceof Collection<?> all && !all.isEmpty()) {
      List<String> out = new ArrayList<>();
      for (Object x : all) {
        if (!(x instanceof String s) || out.contains(s)) {
          return null; // hasLabel('a','a') must not count twice
        }
        out.add(s);
      }
      return out;
    }
    return null;
  }

  @Override
  public Set<Class<? extends ProviderOptimizationStrategy>> applyPost() {
    return Set.of(NereidGraphStepStrategy.class, NereidVertexStepStrategy.class);
  }
}
