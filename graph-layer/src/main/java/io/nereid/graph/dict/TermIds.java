package io.nereid.graph.dict;

/** Sequential dictionary term ids, taken from a {@link BlockAllocator} a block at a time. */
public final class TermIds {

  private final BlockAllocator allocator;
  private final int blockSize;
  private long next;
  private long limit;

  public TermIds(BlockAllocator allocator, int blockSize) {
    this.allocator = allocator;
    this.blockSize = blockSize;
  }

  public synchronized long next() {
    if (next == limit) {
      next = allocator.allocate(blockSize);
      limit = next + blockSize;
    }
    return next++;
  }
}
