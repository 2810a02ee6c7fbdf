package io.nereid.graph;

/** A vertex: its internal id (compact, store-local), its external id (what users see) and label. */
public record VertexRecord(long id, String externalId, String label) {}
