package io.nereid.graph.dict;

/**
 * Remembers, per external id, the internal id it was last resolved to: a hint, never an answer.
 * A hint is used only after the element's own record, read in the caller's snapshot, confirms it
 * (it exists and carries that external id); since at most one live element has a given external
 * id in any snapshot, a confirmed hint is exactly what the {@code xid} index would have said. An
 * unconfirmed hint (the element was removed, or the id reused after a removal, or the caller's
 * snapshot is older than the hint) falls back to the index. This saves the {@code xid} read of
 * {@code g.V(id)}: one LMDB lookup in another partition per request.
 *
 * <p>Direct-mapped and lock-free: each slot holds an immutable entry, replaced whole; a collision
 * only evicts. Racing writers may lose an entry, which is harmless for a hint.
 */
public final class ExternalIdHints {

  private record Entry(String externalId, long internalId) {}

  private final Entry[] slots;
  private final int mask;

  /** A table of {@code capacity} slots (rounded up to a power of two). */
  public ExternalIdHints(int capacity) {
    int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
    this.slots = new Entry[size];
    this.mask = size - 1;
  }

  /** The hinted internal id, or -1. */
  public long get(String externalId) {
    Entry e = slots[slot(externalId)];
    return e != null && e.externalId.equals(externalId) ? e.internalId : -1;
  }

  public void put(String externalId, long internalId) {
    slots[slot(externalId)] = new Entry(externalId, internalId);
  }

  private int slot(String externalId) {
    int h = externalId.hashCode();
    return (h ^ (h >>> 16)) & mask;
  }
}
