package io.nereid.gremlin.jsr223;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.gremlin.structure.NereidGraph;
import java.util.List;
import java.util.ServiceLoader;
import org.apache.tinkerpop.gremlin.jsr223.GremlinPlugin;
import org.apache.tinkerpop.gremlin.jsr223.ImportCustomizer;
import org.junit.jupiter.api.Test;

/**
 * The plugin as the console finds it: through {@link ServiceLoader}, by its namespaced name, with
 * NereidGraph among its imports. (ConsolePluginTest in the examples module runs the console.)
 */
class NereidGremlinPluginTest {

  @Test
  void theServiceLoaderFindsItByItsNamespacedName() {
    List<GremlinPlugin> nereid = ServiceLoader.load(GremlinPlugin.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(p -> p instanceof NereidGremlinPlugin)
        .toList();
    assertEquals(1, nereid.size());
    assertEquals("nereid.graph", nereid.get(0).getName());
    assertTrue(nereid.get(0).getName().matches("[a-z]+\\.[a-z-]+") && !nereid.get(0).getName().startsWith("tinkerpop."));
  }

  @Test
  void itImportsNereidGraphForGroovyEngines() {
    ImportCustomizer imports = (ImportCustomizer) NereidGremlinPlugin.instance()
        .getCustomizers("gremlin-groovy").orElseThrow()[0];
    assertTrue(imports.getClassImports().contains(NereidGraph.class), imports.getClassImports().toString());
  }
}
