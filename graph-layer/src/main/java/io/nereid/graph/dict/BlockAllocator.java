package io.nereid.graph.dict;

import io.nereid.kv.Durability;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvStore;
import io.nereid.kv.WriteConflictException;
import io.nereid.kv.WriteTxn;
import io.nereid.kv.codec.FixedLong;
import java.nio.charset.StandardCharsets;

/**
 * Hands out disjoint blocks of ids from a persistent counter. Each block is taken in its own small
 * committed transaction, so user transactions never write the counter and never conflict over id
 * allocation; two allocators racing for the counter conflict, and the loser simply tries again. Ids
 * of a block that is never used (a crash, a rollback) are lost: gaps are fine.
 *
 * <p>The counter is an 8-byte big-endian value under {@code "seq/" + name} in partition 0 of the
 * meta key space; it holds the first id not yet handed out.
 */
public final class BlockAllocator {

  private final KvStore kv;
  private final KeySpace meta;
  private final byte[] counterKey;
  private final long firstId;
  private final Durability durability;

  public BlockAllocator(
      KvStore kv, KeySpace meta, String name, long firstId, Durability durability) {
    this.kv = kv;
    this.meta = meta;
    this.counterKey = counterKey(name);
    this.firstId = firstId;
    this.durability = durability;
  }

  public static byte[] counterKey(String name) {
    return ("seq/" + name).getBytes(StandardCharsets.UTF_8);
  }

  /** Reserves {@code size} ids and returns the first; the block is durable when this returns. */
  public long allocate(long size) {
    if (size < 1) {
      throw new IllegalArgumentException("block size must be positive");
    }
    while (true) {
      try (WriteTxn txn = kv.beginWrite(durability)) {
        byte[] cur = txn.get(0, meta, counterKey);
        long start = cur == null ? firstId : FixedLong.read(cur, 0);
        txn.put(0, meta, counterKey, FixedLong.encode(start + size));
        txn.commit();
        return start;
      } catch (WriteConflictException raced) {
        Thread.onSpinWait(); // another allocator took a block first; take the next one
      }
    }
  }

  /** The first id never handed out, as committed (for tools and tests). */
  public long peek() {
    try (var snap = kv.snapshot()) {
      byte[] cur = snap.get(0, meta, counterKey);
      return cur == null ? firstId : FixedLong.read(cur, 0);
    }
  }
}
