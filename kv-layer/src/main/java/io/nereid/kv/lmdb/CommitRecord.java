package io.nereid.kv.lmdb;

import java.util.List;

/**
 * One commit as the log and the applier see it: its sequence number and its changes. These are
 * either {@link #mutations()} (a transaction's, at most one per key, or any record read back from
 * the log) or the {@link #entries()} of a bulk batch being committed, whose puts are appended
 * (MDB_APPEND) where the order allows.
 *
 * <p>A bulk batch that writes a single partition is {@link #headerOnly()}: the log holds only its
 * sequence number and partition, because one LMDB transaction makes it atomic by itself; it is
 * acknowledged (and made visible) only after that partition is forced to disk, so recovery never
 * needs its contents: if the partition's applied sequence is below it, it was never acknowledged.
 */
final class CommitRecord {

  private final long seq;
  private final boolean bulk;
  private final List<Mutation> mutations;
  private final BulkEntries entries;
  private final int headerPartition;
  private final long dataBytes;

  private CommitRecord(
      long seq, boolean bulk, List<Mutation> mutations, BulkEntries entries, int headerPartition) {
    this.seq = seq;
    this.bulk = bulk;
    this.mutations = mutations;
    this.entries = entries;
    this.headerPartition = headerPartition;
    long bytes = 0;
    if (entries != null) {
      bytes = entries.bytes();
    } else {
      for (Mutation m : mutations) {
        bytes += m.encodedSize();
      }
    }
    this.dataBytes = bytes;
  }

  /** A transaction's commit, or a record read from the log. */
  CommitRecord(long seq, boolean bulk, List<Mutation> mutations) {
    this(seq, bulk, mutations, null, -1);
  }

  /** A bulk batch being committed: header-only if it writes one partition. */
  static CommitRecord ofBulk(long seq, BulkEntries entries) {
    int header = entries.partitionsTouched() == 1 ? entries.parts().get(0).partition : -1;
    return new CommitRecord(seq, true, null, entries, header);
  }

  /** A header-only bulk record read back from the log. */
  static CommitRecord headerOnly(long seq, int partition) {
    return new CommitRecord(seq, true, List.of(), null, partition);
  }

  long seq() {
    return seq;
  }

  boolean bulk() {
    return bulk;
  }

  /** The mutations; empty for a header-only record, null for a bulk batch being committed. */
  List<Mutation> mutations() {
    return mutations;
  }

  /** The entries of a bulk batch being committed, else null. */
  BulkEntries entries() {
    return entries;
  }

  boolean headerOnly() {
    return headerPartition >= 0;
  }

  /** The partition of a header-only record. */
  int headerPartition() {
    return headerPartition;
  }

  /** Bytes of the encoded changes: what the partitions have to take in (a lower bound). */
  long dataBytes() {
    return dataBytes;
  }

  /** Bytes of this record's frame in the log. */
  long frameSize() {
    return headerOnly()
        ? WalCodec.FRAME_HEADER + WalCodec.HEADER_ONLY_RECORD
        : WalCodec.FRAME_HEADER + WalCodec.RECORD_HEADER + dataBytes;
  }

  @Override
  public String toString() {
    return "CommitRecord[seq=" + seq + (bulk ? ", bulk" : "")
        + (headerOnly() ? ", header-only, partition " + headerPartition : ", " + dataBytes + " bytes")
        + "]";
  }
}
