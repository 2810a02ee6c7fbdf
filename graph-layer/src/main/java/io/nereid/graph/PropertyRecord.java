package io.nereid.graph;

/** A property of an edge or a meta-property of a vertex property; {@code ownerId} is that owner. */
public record PropertyRecord(long ownerId, String key, Object value) {}
