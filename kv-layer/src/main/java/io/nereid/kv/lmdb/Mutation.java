package io.nereid.kv.lmdb;

/**
 * One buffered change to one key: the unit of the write buffer, the log record and the applier.
 *
 * @param kind {@link #PUT}, {@link #DELETE} or {@link #ADD}
 * @param value the value of a PUT, else null
 * @param delta the amount of an ADD, else 0
 */
record Mutation(int partition, int space, byte kind, byte[] key, byte[] value, long delta) {

  static final byte PUT = 1;
  static final byte DELETE = 2;
  static final byte ADD = 3;

  static Mutation put(int partition, int space, byte[] key, byte[] value) {
    return new Mutation(partition, space, PUT, key, value, 0);
  }

  static Mutation delete(int partition, int space, byte[] key) {
    return new Mutation(partition, space, DELETE, key, null, 0);
  }

  static Mutation add(int partition, int space, byte[] key, long delta) {
    return new Mutation(partition, space, ADD, key, null, delta);
  }

  /** Bytes this mutation takes in a log record. */
  int encodedSize() {
    return 1 + 2 + 1 + 4 + key.length + (kind == PUT ? 4 + value.length : kind == ADD ? 8 : 0);
  }
}
