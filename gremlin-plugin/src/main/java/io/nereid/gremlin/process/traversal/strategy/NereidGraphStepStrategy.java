package io.nereid.gremlin.process.traversal.strategy;

import io.nereid.gremlin.process.traversal.step.NereidGraphStep;
import org.apache.tinkerpop.gremlin.process.traversal.Step;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;
import org.apache.tinkerpop.gremlin.process.traversal.TraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.step.filter.HasStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.map.GraphStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.map.NoOpBarrierStep;
import org.apache.tinkerpop.gremlin.process.traversal.step.util.HasContainer;
import org.apache.tinkerpop.gremlin.process.traversal.strategy.AbstractTraversalStrategy;
import org.apache.tinkerpop.gremlin.process.traversal.util.TraversalHelper;

/**
 * Replaces each {@link GraphStep} with a {@link NereidGraphStep} and folds the has-steps that follow
 * it into the new step, which turns them into an index lookup.
 */
public final class NereidGraphStepStrategy
    extends AbstractTraversalStrategy<TraversalStrategy.ProviderOptimizationStrategy>
    implements TraversalStrategy.ProviderOptimizationStrategy {

  private static final NereidGraphStepStrategy INSTANCE = new NereidGraphStepStrategy();

  private NereidGraphStepStrategy() {}

  public static NereidGraphStepStrategy instance() {
    return INSTANCE;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void apply(Traversal.Admin<?, ?> traversal) {
    if (TraversalHelper.onGraphComputer(traversal)) {
      return;
    }
    for (GraphStep original : TraversalHelper.getStepsOfClass(GraphStep.class, traversal)) {
      NereidGraphStep<?, ?> step = new NereidGraphStep<>(original);
      StepEdits.replace(traversal, original, step);
      Step<?, ?> current = step.getNextStep();
      while (current instanceof HasStep || current instanceof NoOpBarrierStep) {
        if (current instanceof HasStep<?> has) {
          for (HasContainer c : has.getHasContainers()) {
            if (!GraphStep.processHasContainerIds(step, c)) {
              step.addHasContainer(c);
            }
          }
          TraversalHelper.copyLabels(current, step, false);
          StepEdits.remove(traversal, current);
        }
        current = current.getNextStep();
      }
    }
  }
}
