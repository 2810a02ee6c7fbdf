package io.nereid.graph.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The error log of a load: one line per error (file, line, code, message; tab-separated), in
 * {@code <store>/loads/<loadId>.errors}. Errors of a batch are appended and forced to disk before
 * the batch commits, and the committed length is part of the load's progress; a resumed load cuts
 * the log back to that length, so the log lists exactly the errors of committed batches (the rows
 * of an uncommitted batch are read again and their errors found again).
 */
final class ErrorLog implements AutoCloseable {

  private final Path path;
  private final FileChannel channel;

  ErrorLog(Path path, long committedLength) {
    this.path = path;
    try {
      Files.createDirectories(path.getParent());
      channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.READ);
      if (channel.size() > committedLength) {
        channel.truncate(committedLength);
      }
      channel.position(channel.size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path path() {
    return path;
  }

  /** Appends and forces the errors; returns the log's length. */
  long append(List<LoadError> errors) {
    try {
      if (!errors.isEmpty()) {
        StringBuilder sb = new StringBuilder();
        for (LoadError e : errors) {
          sb.append(e.toLogLine()).append('\n');
        }
        ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
          channel.write(b);
        }
        channel.force(false);
      }
      return channel.size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The errors in the first {@code length} bytes of a log (what committed batches reported). */
  static List<LoadError> read(Path path, long length) {
    List<LoadError> out = new ArrayList<>();
    if (length == 0 || !Files.exists(path)) {
      return out;
    }
    try {
      byte[] all = Files.readAllBytes(path);
      String text = new String(all, 0, (int) Math.min(length, all.length), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (!line.isEmpty()) {
          out.add(LoadError.parseLogLine(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
