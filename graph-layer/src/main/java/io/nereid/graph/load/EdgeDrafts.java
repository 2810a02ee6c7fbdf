package io.nereid.graph.load;

import io.nereid.graph.load.Drafts.EdgeDraft;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * A batch's edge drafts in the order of their first row, found by external id. An edge batch of
 * the social benchmark holds 150,000 drafts; in a {@code LinkedHashMap} each insert walked a chain
 * of nodes spread over the heap (the loader's thread spent a quarter of its time there). Here a
 * draft is found through one open-addressing array of longs holding the high half of the id's
 * 64-bit hash ({@link KnownIds#hash}, which the Bloom filter of edge ids needs anyway) and the
 * draft's index. The array is built only when a search comes, from the drafts added since the
 * last one: the loader searches a batch only for an id the Bloom filter may have seen (a
 * repeated id, or a rare false positive), so a batch of new ids, the common case, costs no
 * random write per draft into an array of megabytes.
 */
final class EdgeDrafts {

  private EdgeDraft[] drafts;
  private long[] hashes; // the drafts' KnownIds.hash
  private int size;
  private long[] slots; // (hash >>> 32) << 32 | (index + 1); 0 is empty; at most half full
  private int indexed; // drafts [0, indexed) are in slots

  EdgeDrafts(int expected) {
    drafts = new EdgeDraft[Math.max(16, expected)];
    hashes = new long[drafts.length];
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The draft of {@code externalId}, whose {@link KnownIds#hash} is {@code hash}, or null. */
  EdgeDraft get(String externalId, long hash) {
    if (indexed < size) {
      index();
    }
    if (slots == null) {
      return null;
    }
    long tag = hash >>> 32;
    int mask = slots.length - 1;
    for (int i = (int) hash & mask; ; i = (i + 1) & mask) {
      long s = slots[i];
      if (s == 0) {
        return null;
      }
      if (s >>> 32 == tag) {
        EdgeDraft d = drafts[(int) s - 1];
        if (d.externalId.equals(externalId)) {
          return d;
        }
      }
    }
  }

  /** Adds a draft whose id has no draft yet; {@code hash} is its id's {@link KnownIds#hash}. */
  void add(EdgeDraft d, long hash) {
    if (size == drafts.length) {
      drafts = Arrays.copyOf(drafts, size * 2);
      hashes = Arrays.copyOf(hashes, size * 2);
    }
    hashes[size] = hash;
    drafts[size++] = d;
  }

  /** The drafts in order: a view, valid until the next {@link #add}. */
  List<EdgeDraft> values() {
    int n = size;
    EdgeDraft[] a = drafts;
    return new AbstractList<>() {
      @Override
      public EdgeDraft get(int i) {
        return a[i];
      }

      @Override
      public int size() {
        return n;
      }
    };
  }

  /** Puts the drafts added since the last search into the array (a new one when it is full). */
  private void index() {
    if (slots == null || size * 2 > slots.length) {
      slots = new long[tableSize(size)];
      indexed = 0;
    }
    int mask = slots.length - 1;
    for (; indexed < size; indexed++) {
      long hash = hashes[indexed];
      int i = (int) hash & mask;
      while (slots[i] != 0) {
        i = (i + 1) & mask;
      }
      slots[i] = (hash >>> 32) << 32 | (indexed + 1);
    }
  }

  private static int tableSize(int entries) {
    return Integer.highestOneBit(Math.max(16, entries) * 2 - 1) << 1;
  }
}
