package io.nereid.kv.lmdb;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The byte format of log frames. A frame is {@code length:int crc32c:int payload}, the payload is
 * {@code seq:long flags:byte count:int} followed by the mutations, each {@code kind:byte
 * partition:short space:byte keyLength:int key} then {@code valueLength:int value} for a put or
 * {@code delta:long} for an add. The checksum lets recovery tell a whole frame from one torn by a
 * crash.
 */
final class WalCodec {

  static final int FRAME_HEADER = 8;
  static final int RECORD_HEADER = 8 + 1 + 4;
  private static final byte FLAG_BULK = 1;

  private WalCodec() {}

  static int frameSize(CommitRecord r) {
    return FRAME_HEADER + r.encodedSize();
  }

  /** Writes one frame at the buffer's position. */
  static void writeFrame(ByteBuffer out, CommitRecord r) {
    int start = out.position();
    out.position(start + FRAME_HEADER);
    out.putLong(r.seq());
    out.put(r.bulk() ? FLAG_BULK : 0);
    out.putInt(r.mutations().size());
    for (Mutation m : r.mutations()) {
      out.put(m.kind());
      out.putShort((short) m.partition());
      out.put((byte) m.space());
      out.putInt(m.key().length);
      out.put(m.key());
      if (m.kind() == Mutation.PUT) {
        out.putInt(m.value().length);
        out.put(m.value());
      } else if (m.kind() == Mutation.ADD) {
        out.putLong(m.delta());
      }
    }
    int end = out.position();
    int payload = end - start - FRAME_HEADER;
    CRC32C crc = new CRC32C();
    crc.update(out.duplicate().position(start + FRAME_HEADER).limit(end));
    out.putInt(start, payload);
    out.putInt(start + 4, (int) crc.getValue());
  }

  /**
   * Reads the frame at {@code in}'s position, or returns null (position unchanged) if what follows
   * is not a whole frame with a valid checksum: the torn tail of a crashed write.
   */
  static CommitRecord readFrame(ByteBuffer in) {
    int start = in.position();
    if (in.remaining() < FRAME_HEADER) {
      return null;
    }
    int length = in.getInt(start);
    int expectedCrc = in.getInt(start + 4);
    if (length < RECORD_HEADER || length > in.remaining() - FRAME_HEADER) {
      return null;
    }
    ByteBuffer payload = in.duplicate().position(start + FRAME_HEADER).limit(start + FRAME_HEADER + length);
    CRC32C crc = new CRC32C();
    crc.update(payload.duplicate());
    if ((int) crc.getValue() != expectedCrc) {
      return null;
    }
    long seq = payload.getLong();
    boolean bulk = (payload.get() & FLAG_BULK) != 0;
    int count = payload.getInt();
    List<Mutation> mutations = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte kind = payload.get();
      int partition = payload.getShort() & 0xFFFF;
      int space = payload.get() & 0xFF;
      byte[] key = new byte[payload.getInt()];
      payload.get(key);
      byte[] value = null;
      long delta = 0;
      if (kind == Mutation.PUT) {
        value = new byte[payload.getInt()];
        payload.get(value);
      } else if (kind == Mutation.ADD) {
        delta = payload.getLong();
      }
      mutations.add(new Mutation(partition, space, kind, key, value, delta));
    }
    in.position(start + FRAME_HEADER + length);
    return new CommitRecord(seq, bulk, mutations);
  }
}
