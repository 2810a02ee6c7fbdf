package io.nereid.graph.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nereid.graph.Cardinality;
import io.nereid.graph.DuplicateIdException;
import io.nereid.graph.EdgeRecord;
import io.nereid.graph.ElementNotFoundException;
import io.nereid.graph.GraphSnapshot;
import io.nereid.graph.GraphStore;
import io.nereid.graph.GraphTxn;
import io.nereid.graph.TestStores;
import io.nereid.graph.VertexRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random add/remove/set operations applied to the graph-layer and to {@link GraphModel}; after every
 * batch (committed, or rolled back) the consistency checker must find nothing and every read must
 * agree with the model. Some batches are also compared before commit, through the transaction
 * (read-your-writes). Fixed seeds: a failure names its seed, batch and operation.
 */
class RandomizedModelTest {

  private static final int BATCHES = 40;
  private static final int OPS_PER_BATCH = 30;

  @TempDir Path dir;

  private Random rnd;
  private GraphModel model;
  private String where;

  @ParameterizedTest(name = "seed {0}, {1} partitions")
  @CsvSource({"1, 1", "2, 3", "3, 8", "4, 8", "5, 2", "6, 5"})
  void randomOperationsMatchTheModel(long seed, int partitions) {
    rnd = new Random(seed);
    model = new GraphModel();
    try (GraphStore store = TestStores.open(dir, partitions)) {
      for (int batch = 0; batch < BATCHES; batch++) {
        GraphModel before = model.copy();
        boolean rollback = rnd.nextInt(8) == 0;
        try (GraphTxn tx = store.begin()) {
          for (int op = 0; op < OPS_PER_BATCH; op++) {
            where = "seed " + seed + " batch " + batch + " op " + op;
            randomOperation(tx);
          }
          if (rnd.nextInt(6) == 0) {
            new ModelComparison(tx, model, rnd, "seed " + seed + " batch " + batch + " (in txn)").compareAll();
          }
          if (rollback) {
            tx.rollback();
            model = before;
          } else {
            tx.commit();
          }
        }
        TestStores.assertConsistent(store);
        try (GraphSnapshot s = store.snapshot()) {
          new ModelComparison(s, model, rnd, "seed " + seed + " after batch " + batch).compareAll();
        }
      }
    }
  }

  private void randomOperation(GraphTxn tx) {
    int dice = rnd.nextInt(100);
    if (dice < 15 || model.vertices.size() < 3) {
      addVertex(tx);
    } else if (dice < 33) {
      addEdge(tx);
    } else if (dice < 58) {
      addVertexProperty(tx);
    } else if (dice < 62) {
      removeVertexProperty(tx);
    } else if (dice < 65) {
      removeVertexProperties(tx);
    } else if (dice < 73) {
      setMetaProperty(tx);
    } else if (dice < 76) {
      removeMetaProperty(tx);
    } else if (dice < 86) {
      setEdgeProperty(tx);
    } else if (dice < 89) {
      removeEdgeProperty(tx);
    } else if (dice < 94) {
      removeEdge(tx);
    } else if (dice < 98) {
      removeVertex(tx);
    } else {
      missingElements(tx);
    }
  }

  private void addVertex(GraphTxn tx) {
    String ext = rnd.nextInt(5) == 0 ? null : "v" + rnd.nextInt(60);
    String label = pick(ModelComparison.VERTEX_LABELS);
    if (ext != null && model.vertices.containsKey(ext)) {
      assertThrows(DuplicateIdException.class, () -> tx.addVertex(ext, label), where);
      return;
    }
    VertexRecord v = tx.addVertex(ext, label);
    assertEquals(label, v.label(), where);
    model.vertices.put(v.externalId(), new GraphModel.Vertex(v.externalId(), label, v.id()));
  }

  private void addEdge(GraphTxn tx) {
    GraphModel.Vertex out = randomVertex();
    GraphModel.Vertex in = rnd.nextInt(10) == 0 ? out : randomVertex(); // some self-loops
    // Edge ids come from their own namespace: "v3" may name a vertex and an edge at once.
    String ext = switch (rnd.nextInt(6)) {
      case 0 -> null;
      case 1 -> "v" + rnd.nextInt(60);
      default -> "e" + rnd.nextInt(80);
    };
    String label = pick(ModelComparison.EDGE_LABELS);
    if (ext != null && model.edges.containsKey(ext)) {
      assertThrows(DuplicateIdException.class, () -> tx.addEdge(ext, out.id, label, in.id), where);
      return;
    }
    EdgeRecord e = tx.addEdge(ext, out.id, label, in.id);
    model.edges.put(e.externalId(), new GraphModel.Edge(e.externalId(), label, out.ext, in.ext, e.id()));
  }

  private void addVertexProperty(GraphTxn tx) {
    GraphModel.Vertex v = randomVertex();
    Cardinality c = Cardinality.values()[rnd.nextInt(3)];
    String key = pick(ModelComparison.VERTEX_KEYS);
    Object value = Values.random(rnd);
    long id = tx.addVertexProperty(v.id, c, key, value);
    switch (c) {
      case SINGLE -> v.props.removeIf(p -> p.key.equals(key));
      case SET -> {
        for (GraphModel.Prop p : v.props) {
          if (p.key.equals(key) && p.value.equals(value)) {
            assertEquals(p.id, id, where + ": set cardinality keeps the existing value");
            return;
          }
        }
      }
      case LIST -> {}
    }
    v.props.add(new GraphModel.Prop(id, key, value));
  }

  private void removeVertexProperty(GraphTxn tx) {
    GraphModel.Prop p = randomProp();
    if (p != null) {
      tx.removeVertexProperty(p.id);
      model.vertices.values().forEach(v -> v.props.remove(p));
    }
  }

  private void removeVertexProperties(GraphTxn tx) {
    GraphModel.Vertex v = randomVertex();
    String key = pick(ModelComparison.VERTEX_KEYS);
    long expected = v.props.stream().filter(p -> p.key.equals(key)).count();
    assertEquals(expected, tx.removeVertexProperties(v.id, key), where);
    v.props.removeIf(p -> p.key.equals(key));
  }

  private void setMetaProperty(GraphTxn tx) {
    GraphModel.Prop p = randomProp();
    if (p != null) {
      String key = pick(ModelComparison.META_KEYS);
      Object value = Values.random(rnd);
      tx.setMetaProperty(p.id, key, value);
      p.meta.put(key, value);
    }
  }

  private void removeMetaProperty(GraphTxn tx) {
    GraphModel.Prop p = randomProp();
    if (p != null) {
      String key = pick(ModelComparison.META_KEYS);
      assertEquals(p.meta.remove(key) != null, tx.removeMetaProperty(p.id, key), where);
    }
  }

  private void setEdgeProperty(GraphTxn tx) {
    GraphModel.Edge e = randomEdge();
    if (e != null) {
      String key = pick(ModelComparison.EDGE_KEYS);
      Object value = Values.random(rnd);
      tx.setEdgeProperty(e.id, key, value);
      e.props.put(key, value);
    }
  }

  private void removeEdgeProperty(GraphTxn tx) {
    GraphModel.Edge e = randomEdge();
    if (e != null) {
      String key = pick(ModelComparison.EDGE_KEYS);
      assertEquals(e.props.remove(key) != null, tx.removeEdgeProperty(e.id, key), where);
    }
  }

  private void removeEdge(GraphTxn tx) {
    GraphModel.Edge e = randomEdge();
    if (e != null) {
      tx.removeEdge(e.id);
      model.edges.remove(e.ext);
    }
  }

  private void removeVertex(GraphTxn tx) {
    GraphModel.Vertex v = randomVertex();
    tx.removeVertex(v.id);
    model.removeVertex(v.ext);
  }

  /** Operations on ids that do not exist fail without changing anything. */
  private void missingElements(GraphTxn tx) {
    long missing = 1L << 40;
    assertThrows(ElementNotFoundException.class, () -> tx.removeVertex(missing), where);
    assertThrows(ElementNotFoundException.class, () -> tx.removeEdge(missing), where);
    assertThrows(ElementNotFoundException.class, () -> tx.setMetaProperty(missing, "since", 1), where);
    GraphModel.Vertex v = randomVertex();
    assertThrows(ElementNotFoundException.class, () -> tx.addEdge(v.id, "knows", missing), where);
  }

  private GraphModel.Vertex randomVertex() {
    List<GraphModel.Vertex> vs = new ArrayList<>(model.vertices.values());
    return vs.get(rnd.nextInt(vs.size()));
  }

  private GraphModel.Edge randomEdge() {
    if (model.edges.isEmpty()) {
      return null;
    }
    List<GraphModel.Edge> es = new ArrayList<>(model.edges.values());
    return es.get(rnd.nextInt(es.size()));
  }

  private GraphModel.Prop randomProp() {
    List<GraphModel.Prop> all = new ArrayList<>();
    model.vertices.values().forEach(v -> all.addAll(v.props));
    return all.isEmpty() ? null : all.get(rnd.nextInt(all.size()));
  }

  private String pick(List<String> xs) {
    return xs.get(rnd.nextInt(xs.size()));
  }
}
