package io.nereid.graph.dict;

import io.nereid.graph.quad.Partitioner;
import io.nereid.graph.value.Utf8;
import io.nereid.kv.Durability;
import io.nereid.kv.KeySpace;
import io.nereid.kv.KvReader;
import io.nereid.kv.KvStore;
import io.nereid.kv.Snapshot;
import io.nereid.kv.WriteConflictException;
import io.nereid.kv.WriteTxn;
import io.nereid.kv.codec.UnsignedVarint;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The stored dictionary. Two key spaces:
 *
 * <pre>
 *   dict:  01 utf8            -> varint(term)   (strings up to 400 UTF-8 bytes)
 *          02 sha256(utf8)    -> varint(term)   (longer strings; keys are limited to 511 bytes)
 *          partition = FNV-1a(utf8) mod partitions
 *   term:  varint(term)       -> utf8
 *          partition = term mod partitions
 * </pre>
 *
 * New strings are interned in their own small committed transaction (see {@link #intern}).
 */
public final class KvDictionary implements Dictionary {

  /** Strings longer than this many UTF-8 bytes are keyed by their SHA-256. */
  public static final int INLINE_KEY_BYTES = 400;

  private static final byte INLINE = 0x01;
  private static final byte HASHED = 0x02;

  private final KvStore kv;
  private final KeySpace dict;
  private final KeySpace terms;
  private final Partitioner partitioner;
  private final TermIds termIds;
  private final Durability durability;

  public KvDictionary(
      KvStore kv,
      KeySpace dict,
      KeySpace terms,
      Partitioner partitioner,
      TermIds termIds,
      Durability durability) {
    this.kv = kv;
    this.dict = dict;
    this.terms = terms;
    this.partitioner = partitioner;
    this.termIds = termIds;
    this.durability = durability;
  }

  /**
   * Idempotent: concurrent interns of one string both write its forward key, so all but one lose a
   * write-write conflict, re-read, and return the winner's term. The term is committed before it is
   * returned: a user transaction that then rolls back leaves an unused entry (harmless), never a
   * reference to a missing one.
   */
  @Override
  public long intern(String s) {
    long known = lookup(s);
    if (known != ABSENT) {
      return known;
    }
    byte[] utf8 = Utf8.encode(s);
    byte[] fwd = forwardKey(utf8);
    int fwdPartition = partitioner.ofBytes(utf8);
    while (true) {
      long term = termIds.next();
      try (WriteTxn txn = kv.beginWrite(durability)) {
        byte[] existing = txn.get(fwdPartition, dict, fwd);
        if (existing != null) {
          return UnsignedVarint.read(existing, 0);
        }
        txn.put(fwdPartition, dict, fwd, UnsignedVarint.encode(term));
        txn.put(partitioner.ofId(term), terms, UnsignedVarint.encode(term), utf8);
        txn.commit();
        return term;
      } catch (WriteConflictException raced) {
        long other = lookup(s);
        if (other != ABSENT) {
          return other;
        }
      }
    }
  }

  @Override
  public long lookup(String s) {
    try (Snapshot snap = kv.snapshot()) {
      return lookup(snap, s);
    }
  }

  /** Forward lookup in a given view (the consistency checker reads one snapshot throughout). */
  public long lookup(KvReader reader, String s) {
    byte[] utf8 = Utf8.encode(s);
    byte[] v = reader.get(partitioner.ofBytes(utf8), dict, forwardKey(utf8));
    return v == null ? ABSENT : UnsignedVarint.read(v, 0);
  }

  @Override
  public String string(long term) {
    try (Snapshot snap = kv.snapshot()) {
      String s = string(snap, term);
      if (s == null) {
        throw new IllegalStateException("dictionary has no term " + term);
      }
      return s;
    }
  }

  /** Reverse lookup in a given view, or null. */
  public String string(KvReader reader, long term) {
    byte[] v = reader.get(partitioner.ofId(term), terms, UnsignedVarint.encode(term));
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }

  public static byte[] forwardKey(byte[] utf8) {
    if (utf8.length <= INLINE_KEY_BYTES) {
      byte[] k = new byte[utf8.length + 1];
      k[0] = INLINE;
      System.arraycopy(utf8, 0, k, 1, utf8.length);
      return k;
    }
    byte[] k = new byte[33];
    k[0] = HASHED;
    System.arraycopy(sha256(utf8), 0, k, 1, 32);
    return k;
  }

  static byte[] sha256(byte[] b) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(b);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
