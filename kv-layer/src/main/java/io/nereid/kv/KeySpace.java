package io.nereid.kv;

/**
 * A named, ordered key space present in every partition (one LMDB database per partition). Obtain
 * instances from {@link KvStore#keySpace(String)}; the index is the position in the configuration.
 */
public record KeySpace(String name, int index) {
  @Override
  public String toString() {
    return name;
  }
}
