package io.nereid.gremlin.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nereid.gremlin.server.auth.CredentialsFile;
import io.nereid.gremlin.server.auth.CredentialsFileAuthenticator;
import io.nereid.gremlin.server.auth.PasswdCommand;
import io.nereid.gremlin.server.auth.PasswordHash;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.tinkerpop.gremlin.driver.Client;
import org.apache.tinkerpop.gremlin.driver.Cluster;
import org.apache.tinkerpop.gremlin.driver.exception.ResponseException;
import org.apache.tinkerpop.gremlin.structure.T;
import org.apache.tinkerpop.gremlin.util.message.ResponseStatusCode;
import org.apache.tinkerpop.gremlin.util.ser.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped conf/nereid-server-secure.yaml (authentication and TLS), with a keystore and a
 * credentials file made in the test: the Java driver over wss:// with SASL PLAIN, java.net.http
 * over https:// with basic authentication, and bin/nereid passwd in a child JVM.
 */
class ServerSecurityTest {

  /** Low for test speed; the iteration count is recorded per user, so any count verifies. */
  static final int ITERATIONS = 1_000;

  @TempDir static Path dir;
  static TestTls tls;
  static Path credentials;
  static TestServer server;
  static HttpClient https;

  @BeforeAll
  static void start() throws Exception {
    tls = TestTls.generate(dir);
    credentials = dir.resolve("credentials");
    CredentialsFile users = CredentialsFile.readOrEmpty(credentials);
    users.put("alice", PasswordHash.create("wonder land".toCharArray(), ITERATIONS));
    // Base64 of "carol:gr8~pass?" holds a '/': standard Base64, as curl sends it
    users.put("carol", PasswordHash.create("gr8~pass?".toCharArray(), ITERATIONS));
    users.write();
    server = TestServer.start("nereid-server-secure.yaml", dir.resolve("data"), s -> {
      s.ssl.keyStore = tls.keyStore.toString();
      s.ssl.keyStorePassword = TestTls.PASSWORD;
      s.authentication.config.put(CredentialsFileAuthenticator.CONFIG_CREDENTIALS_FILE,
          credentials.toString());
    });
    https = HttpClient.newBuilder().sslContext(tls.clientContext()).build();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  Cluster.Builder tlsCluster() {
    return Cluster.build("localhost").port(server.port()).serializer(Serializers.GRAPHBINARY_V1)
        .enableSsl(true).trustStore(tls.trustStore.toString())
        .trustStorePassword(TestTls.PASSWORD).trustStoreType("PKCS12");
  }

  @Test
  void theDriverLogsInOverTlsAndRunsScriptsAndBytecode() throws Exception {
    Cluster cluster = server.cluster(tlsCluster().credentials("alice", "wonder land"));
    Client client = cluster.connect();
    client.submit("g.addV('person').property(T.id, 'tls-1').property('name', 'ada')").all().get();
    assertEquals("ada", client.submit("g.V('tls-1').values('name')").one().getString());
    assertEquals(List.of("ada"), server.remote(cluster).V("tls-1").values("name").toList());
    // and the bytecode write made through the same login is there for a script
    server.remote(cluster).addV("person").property(T.id, "tls-2").iterate();
    assertEquals(2L, client.submit("g.V('tls-1', 'tls-2').count()").one().getLong());
  }

  @Test
  void wrongPasswordsAndUnknownUsersAreRefusedAndTheServerKeepsServing() throws Exception {
    for (String[] login : new String[][] {{"alice", "wonderland"}, {"mallory", "wonder land"},
        {"alice", ""}}) {
      Client client = server.cluster(tlsCluster().credentials(login[0], login[1])).connect();
      ResponseException e = refused(() -> client.submit("g.V().count()").all().get());
      assertEquals(ResponseStatusCode.UNAUTHORIZED, e.getResponseStatusCode(), e.getMessage());
      assertTrue(e.getMessage().contains("incorrect"), e.getMessage());
    }
    Client good = server.cluster(tlsCluster().credentials("alice", "wonder land")).connect();
    assertEquals(3L, good.submit("g.inject(1, 2, 3).count()").one().getLong());
  }

  @Test
  void httpsNeedsBasicAuthentication() throws Exception {
    HttpResponse<String> none = post(null, "g.inject(7)");
    assertEquals(401, none.statusCode());
    assertTrue(none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
        none.headers().toString());
    assertTrue(none.body().contains("AccessDeniedException"), none.body());
    assertEquals(401, post(basic("alice", "nope"), "g.inject(7)").statusCode());
    assertEquals(401, post(basic("nobody", "wonder land"), "g.inject(7)").statusCode());
    HttpResponse<String> ok = post(basic("alice", "wonder land"), "g.inject(41).math('_ + 1')");
    assertEquals(200, ok.statusCode(), ok.body());
    assertTrue(ok.body().contains("42"), ok.body());
    assertTrue(basic("carol", "gr8~pass?").contains("/"));
    assertEquals(200, post(basic("carol", "gr8~pass?"), "g.inject(1)").statusCode());
    // status too is behind the login
    HttpResponse<String> status = https.send(HttpRequest.newBuilder(url("/status"))
        .header("Authorization", basic("alice", "wonder land")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, status.statusCode(), status.body());
  }

  @Test
  void plainHttpAndUntrustedClientsGetNoAnswer() throws Exception {
    HttpRequest plain = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/status"))
        .timeout(java.time.Duration.ofSeconds(10)).GET().build();
    assertThrows(IOException.class,
        () -> HttpClient.newHttpClient().send(plain, HttpResponse.BodyHandlers.ofString()));
    // the JDK's default trust store does not know the self-signed certificate
    HttpRequest secure = HttpRequest.newBuilder(url("/status")).GET().build();
    assertThrows(javax.net.ssl.SSLHandshakeException.class,
        () -> HttpClient.newHttpClient().send(secure, HttpResponse.BodyHandlers.ofString()));
    assertEquals(401, post(null, "g.inject(1)").statusCode(), "still serving");
  }

  @Test
  void passwdAddsAUserThatTheRunningServerAccepts() throws Exception {
    Process p = ChildJvm.builder(PasswdCommand.class, "--iterations", String.valueOf(ITERATIONS),
        credentials.toString(), "bob").redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write("b0b's pass:word\n".getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("added user 'bob'"), out);
    String file = Files.readString(credentials);
    assertTrue(file.contains("alice:pbkdf2-sha256:" + ITERATIONS + ":"), file);
    assertTrue(file.contains("bob:pbkdf2-sha256:" + ITERATIONS + ":"), file);
    assertTrue(!file.contains("pass:word"), "no clear text in the file");
    assertEquals("rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)));

    // a password with a colon, over SASL PLAIN and over HTTP basic authentication
    Client bob = server.cluster(tlsCluster().credentials("bob", "b0b's pass:word")).connect();
    assertEquals(1L, bob.submit("g.inject('x').count()").one().getLong());
    assertEquals(200, post(basic("bob", "b0b's pass:word"), "g.inject(1)").statusCode());
    assertEquals(401, post(basic("bob", "b0b's pass"), "g.inject(1)").statusCode());
  }

  @Test
  void passwdRefusesBadArguments() {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.PrintStream print = new java.io.PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(2, PasswdCommand.run(new String[] {credentials.toString()}, print));
    assertEquals(2, PasswdCommand.run(new String[] {credentials.toString(), "a:b"}, print));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("colon"), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aCorruptCredentialsFileIsReportedWithItsLine() throws Exception {
    Path bad = dir.resolve("bad-credentials");
    Files.writeString(bad, "# users\nalice:pbkdf2-sha256:12:AAAA:BBBB\n");
    IOException e = assertThrows(IOException.class, () -> CredentialsFile.read(bad));
    assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("alice"), e.getMessage());
    PasswordHash h = PasswordHash.create("pw".toCharArray(), ITERATIONS);
    assertTrue(PasswordHash.parse(h.encode()).matches("pw".toCharArray()));
    assertTrue(!PasswordHash.parse(h.encode()).matches("pW".toCharArray()));
    assertNotEquals(h.encode(), PasswordHash.create("pw".toCharArray(), ITERATIONS).encode(),
        "salted: the same password hashes differently");
    var auth = new CredentialsFileAuthenticator();
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> auth.setup(Map.of(CredentialsFileAuthenticator.CONFIG_CREDENTIALS_FILE,
            dir.resolve("absent").toString())));
    assertTrue(missing.getMessage().contains("absent"), missing.getMessage());
  }

  @Test
  void withoutItsCredentialsFileTheServerDoesNotStartAndSaysWhy() {
    Path missing = dir.resolve("no-such-credentials");
    Exception e = assertThrows(Exception.class,
        () -> TestServer.start("nereid-server-secure.yaml", dir.resolve("data-2"), s -> {
          s.ssl.keyStore = tls.keyStore.toString();
          s.ssl.keyStorePassword = TestTls.PASSWORD;
          s.authentication.config.put(CredentialsFileAuthenticator.CONFIG_CREDENTIALS_FILE,
              missing.toString());
        }).close());
    String why = NereidServer.reasons(e);
    assertTrue(why.contains("no credentials file at " + missing.toAbsolutePath())
        && why.contains("bin/nereid passwd"), why);
  }

  URI url(String path) {
    return URI.create("https://localhost:" + server.port() + path);
  }

  HttpResponse<String> post(String authorization, String gremlin) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(url("/gremlin"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"gremlin\": \"" + gremlin + "\"}"));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return https.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString(
        (user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static ResponseException refused(ServerWebSocketTest.Call call) {
    ExecutionException e = assertThrows(ExecutionException.class, call::run);
    Throwable c = e.getCause();
    while (c != null && !(c instanceof ResponseException)) {
      c = c.getCause();
    }
    assertTrue(c != null, String.valueOf(e));
    return (ResponseException) c;
  }
}
