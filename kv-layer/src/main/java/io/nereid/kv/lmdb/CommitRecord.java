package io.nereid.kv.lmdb;

import java.util.List;

/**
 * One commit as the log and the applier see it: its sequence number and its mutations, at most one
 * per key. A bulk record's puts are appended (MDB_APPEND) where the order allows.
 */
record CommitRecord(long seq, boolean bulk, List<Mutation> mutations) {

  int encodedSize() {
    int size = WalCodec.RECORD_HEADER;
    for (Mutation m : mutations) {
      size += m.encodedSize();
    }
    return size;
  }
}
