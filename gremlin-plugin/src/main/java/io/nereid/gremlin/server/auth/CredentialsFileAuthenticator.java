package io.nereid.gremlin.server.auth;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Map;
import org.apache.tinkerpop.gremlin.server.auth.AuthenticatedUser;
import org.apache.tinkerpop.gremlin.server.auth.AuthenticationException;
import org.apache.tinkerpop.gremlin.server.auth.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gremlin Server authentication against a {@link CredentialsFile}: SASL PLAIN for WebSocket
 * clients (what every Gremlin driver sends) and user/password for HTTP basic authentication.
 * Configured in the yaml as
 *
 * <pre>
 * authentication:
 *   authenticator: io.nereid.gremlin.server.auth.CredentialsFileAuthenticator
 *   config: { credentialsFile: conf/credentials }
 * </pre>
 *
 * <p>The file is read again when it changes, so {@code bin/nereid passwd} takes effect without a
 * restart; a file that no longer parses is reported and the users read before stay in force.
 */
public final class CredentialsFileAuthenticator implements Authenticator {

  /** The yaml key naming the credentials file (relative to the server's working directory). */
  public static final String CONFIG_CREDENTIALS_FILE = "credentialsFile";

  static final String USERNAME = "username";
  static final String PASSWORD = "password";
  /** One answer for a wrong user and a wrong password: nothing tells which users exist. */
  static final String REFUSED = "Username and/or password are incorrect";

  private static final Logger log = LoggerFactory.getLogger(CredentialsFileAuthenticator.class);

  private Path file;
  private volatile Loaded loaded;

  /** The users as read, with the file time they were read at. */
  private record Loaded(CredentialsFile users, FileTime modified, long size, PasswordHash decoy) {}

  @Override
  public boolean requireAuthentication() {
    return true;
  }

  @Override
  public void setup(Map<String, Object> config) {
    Object name = config == null ? null : config.get(CONFIG_CREDENTIALS_FILE);
    if (!(name instanceof String) || ((String) name).isBlank()) {
      throw new IllegalArgumentException("authentication.config." + CONFIG_CREDENTIALS_FILE
          + " must name the credentials file (made with bin/nereid passwd <file> <user>)");
    }
    file = Path.of((String) name);
    try {
      loaded = load();
    } catch (IOException e) {
      throw new IllegalArgumentException("authentication: " + e.getMessage(), e);
    }
    if (loaded.users().users().isEmpty()) {
      log.warn("credentials file {} has no users: every login will be refused", file.toAbsolutePath());
    }
    log.info("authenticating {} users from {}", loaded.users().users().size(), file.toAbsolutePath());
  }

  private Loaded load() throws IOException {
    CredentialsFile.requireFile(file);
    FileTime modified = Files.getLastModifiedTime(file);
    long size = Files.size(file);
    CredentialsFile users = CredentialsFile.read(file);
    int iterations = users.users().values().stream()
        .mapToInt(PasswordHash::iterations).max().orElse(PasswordHash.MIN_ITERATIONS);
    // an unknown user costs as much as a known one, so timing does not tell which users exist
    PasswordHash decoy = PasswordHash.create("decoy".toCharArray(), iterations);
    return new Loaded(users, modified, size, decoy);
  }

  /** The users, read again when the file's time or size changed since last read. */
  private Loaded current() {
    Loaded l = loaded;
    try {
      if (!Files.getLastModifiedTime(file).equals(l.modified()) || Files.size(file) != l.size()) {
        synchronized (this) {
          l = loaded;
          if (!Files.getLastModifiedTime(file).equals(l.modified()) || Files.size(file) != l.size()) {
            l = load();
            loaded = l;
            log.info("credentials file {} read again: {} users", file, l.users().users().size());
          }
        }
      }
    } catch (IOException e) {
      log.error("credentials file {} cannot be read again, keeping the users read before: {}",
          file.toAbsolutePath(), e.getMessage());
    }
    return l;
  }

  @Override
  public AuthenticatedUser authenticate(Map<String, String> credentials) throws AuthenticationException {
    String user = credentials.get(USERNAME);
    String password = credentials.get(PASSWORD);
    if (user == null || password == null) {
      throw new AuthenticationException("Username and password are required");
    }
    char[] chars = password.toCharArray();
    try {
      return check(user, chars);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  private AuthenticatedUser check(String user, char[] password) throws AuthenticationException {
    Loaded l = current();
    PasswordHash hash = l.users().get(user);
    boolean ok = (hash != null ? hash : l.decoy()).matches(password) && hash != null;
    if (!ok) {
      // the name comes from the client: no line breaks or escapes into the log
      log.info("refused login of user '{}'", user.replaceAll("\\p{Cntrl}", "?"));
      throw new AuthenticationException(REFUSED);
    }
    return new AuthenticatedUser(user);
  }

  @Override
  public SaslNegotiator newSaslNegotiator(InetAddress remoteAddress) {
    return new PlainSaslNegotiator();
  }

  /**
   * SASL PLAIN (RFC 4616): one client message {@code [authzid] NUL authcid NUL password}. Acting
   * for another identity (an authzid other than the user) is not supported.
   */
  private final class PlainSaslNegotiator implements SaslNegotiator {
    private AuthenticatedUser user;

    @Override
    public byte[] evaluateResponse(byte[] clientResponse) throws AuthenticationException {
      int first = indexOf(clientResponse, 0);
      int second = first < 0 ? -1 : indexOf(clientResponse, first + 1);
      if (second < 0) {
        throw new AuthenticationException("SASL PLAIN message must be [authzid] NUL user NUL password");
      }
      String authzid = new String(clientResponse, 0, first, StandardCharsets.UTF_8);
      String name = new String(clientResponse, first + 1, second - first - 1, StandardCharsets.UTF_8);
      CharBuffer decoded = StandardCharsets.UTF_8.decode(
          ByteBuffer.wrap(clientResponse, second + 1, clientResponse.length - second - 1));
      char[] password = new char[decoded.remaining()];
      decoded.get(password);
      Arrays.fill(decoded.array(), '\0');
      try {
        if (!authzid.isEmpty() && !authzid.equals(name)) {
          throw new AuthenticationException("SASL PLAIN: acting as another user is not supported");
        }
        user = check(name, password);
      } finally {
        Arrays.fill(password, '\0');
      }
      return null;
    }

    @Override
    public boolean isComplete() {
      return user != null;
    }

    @Override
    public AuthenticatedUser getAuthenticatedUser() throws AuthenticationException {
      if (user == null) {
        throw new AuthenticationException("SASL PLAIN negotiation has not completed");
      }
      return user;
    }
  }

  private static int indexOf(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }
}
