/**
 * The graph-layer: a property graph stored as Neptune-style quads in the partitioned kv-layer. No
 * TinkerPop types live here; the gremlin-plugin adapts this API.
 *
 * <pre>{@code
 * try (GraphStore graph = GraphStore.open(Path.of("data"))) {      // 8 partitions by default
 *   try (GraphTxn tx = graph.begin()) {
 *     long marko = tx.addVertex("1", "person").id();                 // external id "1"
 *     long lop = tx.addVertex("3", "software").id();
 *     long name = tx.addVertexProperty(marko, Cardinality.SINGLE, "name", "marko");
 *     tx.setMetaProperty(name, "since", 2009);
 *     tx.setEdgeProperty(tx.addEdge("9", marko, "created", lop).id(), "weight", 0.4);
 *     tx.commit();                                                   // WriteConflictException: retry
 *   }
 *   try (GraphSnapshot g = graph.snapshot();
 *        CloseableIterator<VertexRecord> it = g.verticesByRange("person", "age", ValueRange.gt(30))) {
 *     it.forEachRemaining(v -> ...);                                 // lazy; cursors released on close
 *   }
 * }
 * }</pre>
 *
 * Elements are addressed by compact internal ids ({@code long}); users see string external ids.
 * Storage layout, id and cardinality rules, concurrency and the cost of each access path are in
 * {@code docs/STORAGE.md}. {@link io.nereid.graph.tools.ConsistencyChecker} (command {@code
 * bin/nereid check-consistency}) verifies a store.
 */
package io.nereid.graph;
