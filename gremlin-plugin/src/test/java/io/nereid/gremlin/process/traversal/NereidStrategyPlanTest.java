package io.nereid.gremlin.process.traversal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.gremlin.process.traversal.lookup.ElementLookup.Kind;
import io.nereid.gremlin.process.traversal.step.NereidCountStep;
import io.nereid.gremlin.process.traversal.step.NereidDegreeCountStep;
import io.nereid.gremlin.process.traversal.step.NereidGraphStep;
import io.nereid.gremlin.process.traversal.step.NereidVertexStep;
import io.nereid.gremlin.structure.NereidGraph;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.tinkerpop.gremlin.process.traversal.P;
import org.apache.tinkerpop.gremlin.process.traversal.Step;
import org.apache.tinkerpop.gremlin.process.traversal.Traversal;
import org.apache.tinkerpop.gremlin.process.traversal.dsl.graph.GraphTraversalSource;
import org.apache.tinkerpop.gremlin.process.traversal.util.TraversalMetrics;
import org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For each traversal shape the provider strategies handle: the plan chosen (which Nereid step,
 * which access path) and the answer, compared with TinkerGraph's on the same "modern" graph.
 */
class NereidStrategyPlanTest {

  @TempDir Path dir;
  private NereidGraph graph;
  private GraphTraversalSource g;
  private GraphTraversalSource tinker;

  @BeforeEach
  void load() {
    graph = NereidGraph.open(dir.resolve("graph").toString());
    g = graph.traversal();
    tinker = TinkerFactory.createModern().traversal();
    // The modern graph, written through Gremlin with string ids "1".."6" as TinkerGraph's are 1..6.
    tinker.V().forEachRemaining(v -> {
      var added = g.addV(v.label()).property(org.apache.tinkerpop.gremlin.structure.T.id, v.id().toString());
      v.properties().forEachRemaining(p -> added.property(p.key(), p.value()));
      added.iterate();
    });
    tinker.E().forEachRemaining(e -> g.V(e.outVertex().id().toString()).as("a")
        .V(e.inVertex().id().toString())
        .addE(e.label()).from("a")
        .property(org.apache.tinkerpop.gremlin.structure.T.id, e.id().toString())
        .property("weight", e.value("weight")).iterate());
    graph.tx().commit();
  }

  @AfterEach
  void close() {
    graph.close();
  }

  @Test
  void labelLookupIsAPogsLabelScan() {
    assertPlan(Kind.LABEL, s -> s.V().hasLabel("person"));
    assertPlan(Kind.LABEL, s -> s.V().hasLabel("person", "software"));
    assertPlan(Kind.LABEL, s -> s.E().hasLabel("knows"));
  }

  @Test
  void propertyEqualityIsAPogsValueScan() {
    assertPlan(Kind.PROPERTY_EQUALS, s -> s.V().has("name", "marko"));
    assertPlan(Kind.PROPERTY_EQUALS, s -> s.V().has("person", "name", "marko"));
    assertPlan(Kind.PROPERTY_EQUALS, s -> s.V().has("name", P.within("marko", "josh", "nobody")));
    assertPlan(Kind.PROPERTY_EQUALS, s -> s.V().has("age", 29)); // also finds 29L, 29.0 ...
    assertPlan(Kind.PROPERTY_EQUALS, s -> s.E().has("weight", 0.5));
    assertPlan(Kind.PROPERTY_EQUALS, s -> s.V().has("name", "marko").has("age", P.gt(0)));
  }

  @Test
  void propertyRangesArePogsRangeScans() {
    assertPlan(Kind.PROPERTY_RANGE, s -> s.V().has("age", P.gt(30)));
    assertPlan(Kind.PROPERTY_RANGE, s -> s.V().has("age", P.lte(29)));
    assertPlan(Kind.PROPERTY_RANGE, s -> s.V().has("age", P.between(27, 32)));
    assertPlan(Kind.PROPERTY_RANGE, s -> s.V().has("person", "age", P.inside(26.5, 35L)));
    assertPlan(Kind.PROPERTY_RANGE, s -> s.V().has("name", P.gte("m")));
    assertPlan(Kind.PROPERTY_RANGE, s -> s.E().has("weight", P.lt(0.6)));
  }

  @Test
  void idsArePointReadsAndOtherFiltersAScan() {
    assertPlan(Kind.IDS, s -> s.V("1", "4"));
    assertPlan(Kind.IDS, s -> s.V().hasId("1", "2"));
    assertPlan(Kind.FULL_SCAN, s -> s.V().has("name", P.neq("marko")));
    assertPlan(Kind.FULL_SCAN, s -> s.V());
  }

  @Test
  void countsComeFromStatistics() {
    assertCountStep(s -> s.V().count(), 6L);
    assertCountStep(s -> s.E().count(), 6L);
    assertCountStep(s -> s.V().hasLabel("person").count(), 4L);
    assertCountStep(s -> s.V().hasLabel("person", "software").count(), 6L);
    assertCountStep(s -> s.E().hasLabel("created").count(), 4L);
  }

  @Test
  void adjacencyCountsComeFromDegreeStatistics() {
    for (String id : List.of("1", "2", "3", "4", "5", "6")) {
      assertDegree(s -> s.V(id).out("knows").count(), id);
      assertDegree(s -> s.V(id).in("created").count(), id);
      assertDegree(s -> s.V(id).both().count(), id);
      assertDegree(s -> s.V(id).outE().count(), id);
    }
    assertDegree(s -> s.V().hasLabel("person").out("created").count(), "all persons");
  }

  @Test
  void adjacencyIsAPrefixScanWithEdgeFiltersFolded() {
    Traversal.Admin<?, ?> t = g.V("1").outE("knows").has("weight", P.gt(0.6)).asAdmin();
    t.applyStrategies();
    NereidVertexStep<?> step = only(t, NereidVertexStep.class);
    assertEquals(1, step.getHasContainers().size(), "the has() after outE() is folded into the scan");
    assertTrue(step.describe().startsWith("SPOG prefix scan"), step.describe());
    assertSameResults(s -> s.V("1").outE("knows").has("weight", P.gt(0.6)).inV().values("name"));
    assertTrue(only(plan(s -> s.V("2").in("knows")), NereidVertexStep.class).describe().startsWith("OSGP"));
    assertSameResults(s -> s.V("1").out("knows", "created").values("name"));
    assertSameResults(s -> s.V("3").in().values("name"));
    assertSameResults(s -> s.V().both("knows").dedup().values("name"));
  }

  @Test
  void explainAndProfileShowTheRangeScans() {
    String explain = g.V().has("person", "name", "marko").out("knows").explain().prettyPrint(200);
    assertTrue(explain.contains("NereidGraphStep") && explain.contains("POGS prefix scan"), explain);
    assertTrue(explain.contains("NereidVertexStep") && explain.contains("SPOG prefix scan"), explain);
    TraversalMetrics metrics = g.V().has("age", P.gt(30)).out().profile().next();
    String profile = metrics.toString();
    boolean annotated =
        metrics.getMetrics().stream()
            .anyMatch(m -> String.valueOf(m.getAnnotation("nereid")).contains("POGS range scan"));
    assertTrue(annotated, "profile() names the POGS range scan:\n" + profile);
  }

  @Test
  void limitStopsTheScanEarly() {
    for (int i = 0; i < 2000; i++) {
      g.addV("bulk").property("n", i).iterate();
    }
    graph.tx().commit();
    Traversal<?, ?> limited = g.V().hasLabel("bulk").limit(1);
    limited.next();
    // Had the scan run to the end it would have closed its cursors; they are still open, parked.
    assertTrue(graph.store().kv().stats().openCursors() > 0, "limit(1) read the whole scan");
    try {
      limited.close();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertEquals(0, graph.store().kv().stats().openCursors(), "closing the traversal frees them");
  }

  private void assertPlan(Kind expected, Function<GraphTraversalSource, Traversal<?, ?>> shape) {
    NereidGraphStep<?, ?> step = only(plan(shape), NereidGraphStep.class);
    assertEquals(expected, step.planKind(), () -> "plan of " + shape.apply(g) + ": " + step.plan());
    assertSameResults(shape);
  }

  private void assertCountStep(Function<GraphTraversalSource, Traversal<?, ?>> shape, long expected) {
    Traversal.Admin<?, ?> t = plan(shape);
    assertEquals(1, t.getSteps().size(), () -> "the count is one step: " + t);
    assertTrue(t.getSteps().get(0) instanceof NereidCountStep, () -> "count from statistics: " + t);
    assertEquals(expected, shape.apply(g).next());
    assertEquals(expected, shape.apply(tinker).next());
  }

  private void assertDegree(Function<GraphTraversalSource, Traversal<?, ?>> shape, String what) {
    only(plan(shape), NereidDegreeCountStep.class);
    assertEquals(shape.apply(tinkerCopyWithProperties()).next(), shape.apply(g).next(), what);
  }

  private void assertSameResults(Function<GraphTraversalSource, Traversal<?, ?>> shape) {
    assertEquals(results(shape.apply(tinkerCopyWithProperties())), results(shape.apply(g)),
        () -> "answers of " + shape.apply(g));
  }

  private GraphTraversalSource withProps;

  /** TinkerGraph's modern graph with string ids, so element results compare equal. */
  private GraphTraversalSource tinkerCopyWithProperties() {
    if (withProps == null) {
      var copy = org.apache.tinkerpop.gremlin.tinkergraph.structure.TinkerGraph.open();
      GraphTraversalSource c = copy.traversal();
      tinker.V().forEachRemaining(v -> {
        var added = c.addV(v.label()).property(org.apache.tinkerpop.gremlin.structure.T.id, v.id().toString());
        v.properties().forEachRemaining(p -> added.property(p.key(), p.value()));
        added.iterate();
      });
      tinker.E().forEachRemaining(e -> c.V(e.outVertex().id().toString()).as("a")
          .V(e.inVertex().id().toString()).addE(e.label()).from("a")
          .property(org.apache.tinkerpop.gremlin.structure.T.id, e.id().toString())
          .property("weight", e.value("weight")).iterate());
      withProps = c;
    }
    return withProps;
  }

  private static Set<Object> results(Traversal<?, ?> t) {
    Set<Object> out = new HashSet<>();
    t.forEachRemaining(x -> out.add(x instanceof org.apache.tinkerpop.gremlin.structure.Element e
        ? e.getClass().getInterfaces()[0].getSimpleName() + ":" + e.id() : x));
    return out;
  }

  private Traversal.Admin<?, ?> plan(Function<GraphTraversalSource, Traversal<?, ?>> shape) {
    Traversal.Admin<?, ?> t = shape.apply(g).asAdmin();
    t.applyStrategies();
    return t;
  }

  private static <T> T only(Traversal.Admin<?, ?> t, Class<T> type) {
    List<Step> matches = new java.util.ArrayList<>();
    for (Step<?, ?> s : t.getSteps()) {
      if (type.isInstance(s)) {
        matches.add(s);
      }
    }
    assertEquals(1, matches.size(), () -> "one " + type.getSimpleName() + " in " + t);
    return type.cast(matches.get(0));
  }
}
