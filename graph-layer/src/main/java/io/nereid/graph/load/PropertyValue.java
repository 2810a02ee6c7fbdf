package io.nereid.graph.load;

import io.nereid.graph.Cardinality;

/** One property statement of a row: a key, how it combines with existing values, a value. */
public record PropertyValue(String key, Cardinality cardinality, Object value) {}
