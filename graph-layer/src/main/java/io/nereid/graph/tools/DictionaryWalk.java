package io.nereid.graph.tools;

import io.nereid.graph.GraphStore;
import io.nereid.graph.dict.KvDictionary;
import io.nereid.kv.ByteKeys;
import io.nereid.kv.KeyRange;
import io.nereid.kv.KvEntry;
import io.nereid.kv.KvIterator;
import io.nereid.kv.Snapshot;
import io.nereid.kv.codec.UnsignedVarint;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Checks that the dictionary's forward (dict) and reverse (term) entries of a partition agree. */
final class DictionaryWalk {

  private final GraphStore store;
  private final Snapshot snap;
  private final ConsistencyReport report;
  private final long termLimit;

  DictionaryWalk(GraphStore store, Snapshot snap, ConsistencyReport report, long termLimit) {
    this.store = store;
    this.snap = snap;
    this.report = report;
    this.termLimit = termLimit;
  }

  void walk(int p) {
    try (KvIterator it = snap.scan(p, store.spaces().dict(), KeyRange.all())) {
      while (it.hasNext()) {
        KvEntry e = it.next();
        report.count("dict");
        long term = UnsignedVarint.read(e.value(), 0);
        String s = store.storedDictionary().string(snap, term);
        if (s == null) {
          report.problem(
              "dict "
                  + ByteKeys.toHex(e.key())
                  + " -> term "
                  + term
                  + ", which has no reverse entry");
          continue;
        }
        byte[] utf8 = io.nereid.graph.value.Utf8.encode(s);
        if (!Arrays.equals(KvDictionary.forwardKey(utf8), e.key())
            || store.partitioner().ofBytes(utf8) != p) {
          report.problem(
              "dict "
                  + ByteKeys.toHex(e.key())
                  + " in partition "
                  + p
                  + " -> term "
                  + term
                  + " whose string is '"
                  + s
                  + "'");
        }
        if (term >= termLimit) {
          report.problem("dict term " + term + " is beyond the term counter " + termLimit);
        }
      }
    }
    try (KvIterator it = snap.scan(p, store.spaces().term(), KeyRange.all())) {
      while (it.hasNext()) {
        KvEntry e = it.next();
        report.count("term");
        long term = UnsignedVarint.read(e.key(), 0);
        if (store.partitioner().ofId(term) != p) {
          report.problem("term " + term + " stored in partition " + p);
        }
        byte[] fwd = KvDictionary.forwardKey(e.value());
        byte[] v = snap.get(store.partitioner().ofBytes(e.value()), store.spaces().dict(), fwd);
        if (v == null || UnsignedVarint.read(v, 0) != term) {
          report.problem(
              "term "
                  + term
                  + " ('"
                  + new String(e.value(), StandardCharsets.UTF_8)
                  + "') has no matching forward entry");
        }
      }
    }
  }
}
