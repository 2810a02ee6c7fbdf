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
 *
 * <p>A header-only record (flags {@code BULK|HEADER_ONLY}, count 0) is followed by {@code
 * partition:short entries:long} instead of mutations: a bulk batch of one partition, made durable
 * by that partition itself (see {@link CommitRecord}).
 */
final class WalCodec {

  static final int FRAME_HEADER = 8;
  static final int RECORD_HEADER = 8 + 1 + 4;
  static final int HEADER_ONLY_RECORD = RECORD_HEADER + 2 + 8;
  private static final byte FLAG_BULK = 1;
  private static final byte FLAG_HEADER_ONLY = 2;

  private WalCodec() {}

  /** Bytes {@link #encode} needs in its scratch buffer for {@code records}. */
  static long scratchBytes(List<CommitRecord> records) {
    long bytes = 0;
    for (CommitRecord r : records) {
      bytes += inScratch(r) ? r.frameSize() : FRAME_HEADER + RECORD_HEADER;
    }
    return bytes;
  }

  /** Whether the whole frame goes into the scratch buffer (else only its header). */
  private static boolean inScratch(CommitRecord r) {
    return r.entries() == null || r.headerOnly();
  }

  /**
   * Encodes the frames of {@code records} for one gathering write: frames of mutations and
   * header-only frames into {@code scratch} (cleared first; {@link #scratchBytes} long at least),
   * the entries of a logged bulk batch as views of its own chunks.
   */
  static ByteBuffer[] encode(List<CommitRecord> records, ByteBuffer scratch) {
    scratch.clear();
    List<ByteBuffer> out = new ArrayList<>();
    int mark = 0;
    for (CommitRecord r : records) {
      if (inScratch(r)) {
        writeFrame(scratch, r);
        continue;
      }
      int start = scratch.position();
      writeRecordHeader(scratch.position(start + FRAME_HEADER), r, (int) r.entries().count());
      CRC32C crc = new CRC32C();
      crc.update(scratch.duplicate().position(start + FRAME_HEADER).limit(scratch.position()));
      List<ByteBuffer> chunks = new ArrayList<>();
      for (BulkEntries.Part p : r.entries().parts()) {
        for (int i = 0; i < p.chunkCount(); i++) {
          ByteBuffer c = p.chunkView(i);
          crc.update(c.duplicate());
          chunks.add(c);
        }
      }
      scratch.putInt(start, (int) (r.frameSize() - FRAME_HEADER));
      scratch.putInt(start + 4, (int) crc.getValue());
      out.add(scratch.duplicate().position(mark).limit(scratch.position()));
      out.addAll(chunks);
      mark = scratch.position();
    }
    if (scratch.position() > mark) {
      out.add(scratch.duplicate().position(mark).limit(scratch.position()));
    }
    return out.toArray(new ByteBuffer[0]);
  }

  /** Writes one frame of mutations, or a header-only frame, at the buffer's position. */
  static void writeFrame(ByteBuffer out, CommitRecord r) {
    int start = out.position();
    out.position(start + FRAME_HEADER);
    if (r.headerOnly()) {
      writeRecordHeader(out, r, 0);
      out.putShort((short) r.headerPartition());
      out.putLong(r.entries() == null ? 0 : r.entries().count());
    } else {
      writeRecordHeader(out, r, r.mutations().size());
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
    }
    int end = out.position();
    int payload = end - start - FRAME_HEADER;
    CRC32C crc = new CRC32C();
    crc.update(out.duplicate().position(start + FRAME_HEADER).limit(end));
    out.putInt(start, payload);
    out.putInt(start + 4, (int) crc.getValue());
  }

  private static void writeRecordHeader(ByteBuffer out, CommitRecord r, int count) {
    out.putLong(r.seq());
    out.put((byte) ((r.bulk() ? FLAG_BULK : 0) | (r.headerOnly() ? FLAG_HEADER_ONLY : 0)));
    out.putInt(count);
  }

  /** Moves past the whole, valid frame at {@code in}'s position, or returns false (not moved). */
  static boolean skipFrame(ByteBuffer in) {
    ByteBuffer payload = payloadAt(in);
    if (payload == null) {
      return false;
    }
    in.position(payload.limit());
    return true;
  }

  /** The payload of the whole frame at {@code in}'s position if its checksum holds, else null. */
  private static ByteBuffer payloadAt(ByteBuffer in) {
    int start = in.position();
    if (in.remaining() < FRAME_HEADER) {
      return null;
    }
    int length = in.getInt(start);
    int expectedCrc = in.getInt(start + 4);
    if (length < RECORD_HEADER || length > in.remaining() - FRAME_HEADER) {
      return null;
    }
    ByteBuffer payload =
        in.duplicate().position(start + FRAME_HEADER).limit(start + FRAME_HEADER + length);
    CRC32C crc = new CRC32C();
    crc.update(payload.duplicate());
    return (int) crc.getValue() == expectedCrc ? payload : null;
  }

  /**
   * Reads the frame at {@code in}'s position, or returns null (position unchanged) if what follows
   * is not a whole frame with a valid checksum: the torn tail of a crashed write.
   */
  static CommitRecord readFrame(ByteBuffer in) {
    int start = in.position();
    ByteBuffer payload = payloadAt(in);
    if (payload == null) {
      return null;
    }
    int length = payload.remaining();
    long seq = payload.getLong();
    byte flags = payload.get();
    boolean bulk = (flags & FLAG_BULK) != 0;
    int count = payload.getInt();
    in.position(start + FRAME_HEADER + length);
    if ((flags & FLAG_HEADER_ONLY) != 0) {
      return CommitRecord.headerOnly(seq, payload.getShort() & 0xFFFF);
    }
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
    return new CommitRecord(seq, bulk, mutations);
  }
}
