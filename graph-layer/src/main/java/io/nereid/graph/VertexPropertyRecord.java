package io.nereid.graph;

/**
 * One value of a vertex property. {@code id} is the property instance id: distinct for each value
 * (list cardinality may repeat a value), and the subject of its meta-properties.
 */
public record VertexPropertyRecord(long id, long vertexId, String key, Object value) {}
