package io.nereid.gremlin.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users a server accepts: a text file with one {@code user:pbkdf2-sha256:<iterations>:<salt>:<hash>}
 * line per user; blank lines and lines starting with {@code #} are ignored. Written with owner-only
 * permissions, replaced atomically so that a running server never reads half a file.
 */
public final class CredentialsFile {

  private final Path path;
  private final Map<String, PasswordHash> users;

  private CredentialsFile(Path path, Map<String, PasswordHash> users) {
    this.path = path;
    this.users = users;
  }

  /** Reads {@code path}; errors name the file and line. */
  public static CredentialsFile read(Path path) throws IOException {
    requireFile(path);
    Map<String, PasswordHash> users = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      String where = path + " line " + (i + 1);
      if (colon <= 0) {
        throw new IOException(where + ": expected user:" + PasswordHash.SCHEME + ":...");
      }
      String user = line.substring(0, colon);
      try {
        if (users.put(user, PasswordHash.parse(line.substring(colon + 1))) != null) {
          throw new IOException(where + ": user '" + user + "' appears twice");
        }
      } catch (IllegalArgumentException e) {
        throw new IOException(where + " (user '" + user + "'): " + e.getMessage(), e);
      }
    }
    return new CredentialsFile(path, users);
  }

  /** Fails, saying how to make one, unless {@code path} is a file. */
  public static void requireFile(Path path) throws IOException {
    if (!Files.isRegularFile(path)) {
      throw new IOException("no credentials file at " + path.toAbsolutePath()
          + " (create one with: bin/nereid passwd " + path + " <user>)");
    }
  }

  /** The file's users, or none when the file does not exist yet. */
  public static CredentialsFile readOrEmpty(Path path) throws IOException {
    return Files.exists(path) ? read(path) : new CredentialsFile(path, new LinkedHashMap<>());
  }

  public PasswordHash get(String user) {
    return users.get(user);
  }

  public Map<String, PasswordHash> users() {
    return Collections.unmodifiableMap(users);
  }

  /** Adds or replaces a user (in memory; {@link #write()} saves). */
  public void put(String user, PasswordHash hash) {
    checkUserName(user);
    users.put(user, hash);
  }

  /**
   * User names become the left side of {@code user:password} in HTTP basic authentication and
   * SASL PLAIN, so they cannot hold a colon, a NUL or line breaks.
   */
  public static void checkUserName(String user) {
    if (user == null || user.isEmpty()) {
      throw new IllegalArgumentException("user name is empty");
    }
    for (char c : user.toCharArray()) {
      if (c == ':' || c == '\0' || Character.isWhitespace(c) || Character.isISOControl(c)) {
        throw new IllegalArgumentException("user name '" + user
            + "' holds a colon, whitespace or a control character");
      }
    }
    if (user.startsWith("#")) {
      throw new IllegalArgumentException("user name '" + user + "' starts with #");
    }
  }

  /** Saves the file: owner read/write only, replaced in one rename. */
  public void write() throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("# Nereid server users (bin/nereid passwd " + path.getFileName() + " <user>)");
    users.forEach((user, hash) -> lines.add(user + ":" + hash.encode()));
    Path dir = path.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve(path.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      Files.createFile(tmp); // not a POSIX file system
    } catch (FileAlreadyExistsException e) {
      throw new IOException("another passwd is writing " + path + " (" + tmp + " exists)", e);
    }
    Files.write(tmp, lines, StandardCharsets.UTF_8);
    try {
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
