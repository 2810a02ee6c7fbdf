package io.nereid.gremlin.jsr223;

import io.nereid.graph.DuplicateIdException;
import io.nereid.gremlin.structure.NereidGraph;
import io.nereid.kv.WriteConflictException;
import org.apache.tinkerpop.gremlin.jsr223.AbstractGremlinPlugin;
import org.apache.tinkerpop.gremlin.jsr223.DefaultImportCustomizer;
import org.apache.tinkerpop.gremlin.jsr223.ImportCustomizer;

/**
 * Nereid in the Gremlin Console: {@code :plugin use nereid.graph} imports {@link NereidGraph} so
 * that {@code graph = NereidGraph.open('data'); g = graph.traversal()} works, plus the two
 * exceptions a console user meets when writing (a commit that lost a write conflict, an id that is
 * taken) so that a retry loop can name them.
 *
 * <p>The console finds this class through {@code META-INF/services/...GremlinPlugin}. Plugins only
 * shape Groovy script engines; the Nereid server runs gremlin-lang and bytecode only, so it needs
 * none. The name follows TinkerPop's {@code namespace.plugin-name} rule ("tinkerpop" is theirs).
 */
public final class NereidGremlinPlugin extends AbstractGremlinPlugin {

  /** What users type after {@code :plugin use}. */
  public static final String NAME = "nereid.graph";

  private static final ImportCustomizer IMPORTS =
      DefaultImportCustomizer.build()
          .addClassImports(NereidGraph.class, WriteConflictException.class, DuplicateIdException.class)
          .create();

  private static final NereidGremlinPlugin INSTANCE = new NereidGremlinPlugin();

  /** Public for {@link java.util.ServiceLoader}, which the console uses. */
  public NereidGremlinPlugin() {
    super(NAME, IMPORTS);
  }

  /** TinkerPop's plugin loaders look for this static factory first. */
  public static NereidGremlinPlugin instance() {
    return INSTANCE;
  }
}
