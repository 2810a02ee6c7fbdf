package io.nereid.gremlin.process.traversal.strategy;

import io.nereid.gremlin.process.traversal.step.NereidVertexStep;
import java.util.Set;
import org.apache.tinkerpop.gremlin.process.traversal.Step;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;
import org.apache.tinkerpop.gremlin.process.traversal.TraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.step.filter.HasStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.map.VertexStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.util.HasContainer;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.AbstractTraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.util.TraversalHelper;

/**
 * Replaces each {@link VertexStep} with a {@link NereidVertexStep} (adjacency prefix scans) and,
 * when it returns edges, folds the has-steps that follow into it.
 */
public final class NereidVertexStepStrategy
    extends AbstractTraversalStrategy<TraversalStrategy.ProviderOptimizationStrategy>
    implements TraversalStrategy.ProviderOptimizationStrategy {

  private static final NereidVertexStepStrategy INSTANCE = new NereidVertexStepStrategy();

  private NereidVertexStepStrategy() {}

  public static NereidVertexStepStrategy instance() {
    return INSTANCE;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void apply(Traversal.Admin<?, ?> traversal) {
    if (TraversalHelper.onGraphComputer(traversal)) {
      return;
    }
    for (VertexStep original : TraversalHelper.getStepsOfClass(VertexStep.class, traversal)) {
      if (original instanceof NereidVertexStep) {
        continue;
      }
      NereidVertexStep<?> step = new NereidVertexStep<>(original);
      StepEdits.replace(traversal, original, step);
      if (!step.returnsEdge() || !step.getLabels().isEmpty()) {
        continue; // a labelled edge step is seen by select() before any following filter
      }
      Step<?, ?> current = step.getNextStep();
      while (current instanceof HasStep<?> has) {
        for (HasContainer c : has.getHasContainers()) {
          step.addHasContainer(c);
        }
        TraversalHelper.copyLabels(current, step, false);
        StepEdits.remove(traversal, current);
        current = step.getNextStep();
        if (!step.getLabels().isEmpty()) {
          break;
        }
      }
    }
  }

  @Override
  public Set<Class<? extends ProviderOptimizationStrategy>> applyPrior() {
    return Set.of(NereidCountStrategy.class);
  }
}
