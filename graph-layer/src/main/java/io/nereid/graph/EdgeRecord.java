package io.nereid.graph;

/** An edge with the internal ids of its end vertices. */
public record EdgeRecord(
    long id, String externalId, String label, long outVertexId, long inVertexId) {

  /** The end that is not {@code vertexId} (the vertex itself for a self-loop). */
  public long otherEnd(long vertexId) {
    return vertexId == outVertexId ? inVertexId : outVertexId;
  }
}
