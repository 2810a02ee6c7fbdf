package io.nereid.gremlin.process.traversal.strategy;

import java.util.List;
import org.apache.tinkerpop.gremlin.process.traversal.Step;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;

/**
 * Step replacement and removal by identity. TinkerPop's {@code TraversalHelper.replaceStep} and
 * {@code Traversal.Admin.removeStep(Step)} find the step with {@code equals}, which for steps
 * compares hash codes computed over their arguments, labels and has-containers: on a short
 * traversal served per request that costs more than the rewrite itself.
 */
final class StepEdits {

  private StepEdits() {}

  /** The position of exactly this step object in the traversal, or -1. */
  static int indexOf(Traversal.Admin<?, ?> traversal, Step<?, ?> step) {
    List<Step> steps = traversal.getSteps();
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) == step) {
        return i;
      }
    }
    return -1;
  }

  /** Puts {@code replacement} where {@code original} is. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static void replace(Traversal.Admin<?, ?> traversal, Step<?, ?> original, Step<?, ?> replacement) {
    int i = require(traversal, original);
    traversal.removeStep(i);
    traversal.addStep(i, (Step) replacement);
  }

  static void remove(Traversal.Admin<?, ?> traversal, Step<?, ?> step) {
    traversal.removeStep(require(traversal, step));
  }

  private static int require(Traversal.Admin<?, ?> traversal, Step<?, ?> step) {
    int i = indexOf(traversal, step);
    if (i < 0) {
      throw new IllegalStateException("step " + step + " is not in " + traversal);
    }
    return i;
  }
}
