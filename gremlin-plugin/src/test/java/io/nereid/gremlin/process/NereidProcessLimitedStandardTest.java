package io.nereid.gremlin.process;

import io.nereid.gremlin.NereidGraphProvider;
import io.nereid.gremlin.structure.NereidGraph;
import org.apache.tinkerpop.gremlin.GraphProviderClass;
import org.apache.tinkerpop.gremlin.process.ProcessLimitedStandardSuite;
import org.junit.runner.RunWith;

/** TinkerPop's limited process suite (what Gherkin cannot express) against real LMDB stores. */
@RunWith(ProcessLimitedStandardSuite.class)
@GraphProviderClass(provider = NereidGraphProvider.class, graph = NereidGraph.class)
public class NereidProcessLimitedStandardTest {}
