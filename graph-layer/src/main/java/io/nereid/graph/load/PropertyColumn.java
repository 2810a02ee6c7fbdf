package io.nereid.graph.load;

import io.nereid.graph.Cardinality;

/**
 * A property column of a header: {@code name:Type}, {@code name:Type[]}, {@code
 * name:Type(single)}, {@code name:Type(set)}, {@code name:Type(set)[]}.
 *
 * @param index the column's position in the record
 * @param name the property key, with {@code \:} unescaped
 * @param type the declared type
 * @param array whether the field holds several values separated by {@code ;}
 * @param cardinality SET (Neptune's default) or SINGLE; edges are always SINGLE
 */
public record PropertyColumn(
    int index, String name, DataType type, boolean array, Cardinality cardinality) {}
