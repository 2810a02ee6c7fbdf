package io.nereid.gremlin.structure;

import io.nereid.gremlin.NereidGraphProvider;
import org.apache.tinkerpop.gremlin.GraphProviderClass;
import org.apache.tinkerpop.gremlin.structure.StructureStandardSuite;
import org.junit.runner.RunWith;

/** TinkerPop's structure suite against real LMDB stores. */
@RunWith(StructureStandardSuite.class)
@GraphProviderClass(provider = NereidGraphProvider.class, graph = NereidGraph.class)
public class NereidStructureStandardTest {}
