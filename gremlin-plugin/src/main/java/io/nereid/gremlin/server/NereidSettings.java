package io.nereid.gremlin.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.tinkerpop.gremlin.server.Settings;
import org.apache.tinkerpop.gremlin.server.auth.AllowAllAuthenticator;
import org.apache.tinkerpop.gremlin.server.channel.WebSocketChannelizer;
import io.nereid.gremlin.server.auth.SaslAndBasicAuthenticationHandler;
import org.apache.tinkerpop.gremlin.server.util.DefaultGraphManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Gremlin Server yaml and makes it Nereid's: {@link NereidChannelizer}, {@link
 * NereidGraphManager}, the gremlin-lang engine alone (Gremlin Server's default would start
 * Groovy), GraphBinary 1 plus GraphSON 3, 2 and 1 when no serializers are listed, and SASL plus
 * HTTP basic authentication when an authenticator is configured without a handler. Anything
 * else in the yaml is Gremlin Server's setting of the same name.
 */
public final class NereidSettings {

  private static final Logger log = LoggerFactory.getLogger(NereidSettings.class);

  private static final String SER = "org.apache.tinkerpop.gremlin.util.ser.";

  private NereidSettings() {}

  public static Settings read(Path yaml) throws IOException {
    if (!Files.isRegularFile(yaml)) {
      throw new IOException("no server configuration at " + yaml.toAbsolutePath());
    }
    try (InputStream in = Files.newInputStream(yaml)) {
      return applyDefaults(Settings.read(in));
    } catch (RuntimeException e) {
      throw new IOException("cannot read the server configuration " + yaml + ": " + e.getMessage(), e);
    }
  }

  /** Fills in and checks what Nereid needs; returns the same settings. */
  public static Settings applyDefaults(Settings s) {
    if (s.channelizer == null || s.channelizer.equals(WebSocketChannelizer.class.getName())) {
      s.channelizer = NereidChannelizer.class.getName();
    }
    if (s.graphManager == null || s.graphManager.equals(DefaultGraphManager.class.getName())) {
      s.graphManager = NereidGraphManager.class.getName();
    }
    Settings.ScriptEngineSettings lang =
        s.scriptEngines == null ? null : s.scriptEngines.get(LanguagePolicy.GREMLIN_LANG);
    if (s.scriptEngines != null) {
      for (String other : s.scriptEngines.keySet()) {
        if (!other.equals(LanguagePolicy.GREMLIN_LANG)) {
          log.warn("scriptEngines.{} is ignored: Nereid evaluates scripts with gremlin-lang only",
              other);
        }
      }
    }
    Map<String, Settings.ScriptEngineSettings> engines = new HashMap<>();
    engines.put(LanguagePolicy.GREMLIN_LANG, lang == null ? new Settings.ScriptEngineSettings() : lang);
    s.scriptEngines = engines;
    if (s.authentication != null && s.authentication.authenticator != null
        && !s.authentication.authenticator.equals(AllowAllAuthenticator.class.getName())
        && s.authentication.authenticationHandler == null) {
      // WebSocket and HTTP share the port: SASL for the one, basic authentication for the other
      s.authentication.authenticationHandler = SaslAndBasicAuthenticationHandler.class.getName();
    }
    if (s.serializers == null || s.serializers.isEmpty()) {
      s.serializers = defaultSerializers();
    }
    return s;
  }

  /**
   * GraphBinary 1 (drivers' default; the {@code -stringd} variant for the console), then GraphSON
   * 3, 2 and 1, typed and untyped. The first serializer listed for a MIME type wins, so {@code
   * application/json} means GraphSON 3 as on Neptune.
   */
  static List<Settings.SerializerSettings> defaultSerializers() {
    List<Settings.SerializerSettings> list = new ArrayList<>();
    list.add(serializer("GraphBinaryMessageSerializerV1", Map.of()));
    list.add(serializer("GraphBinaryMessageSerializerV1", Map.of("serializeResultToString", true)));
    for (String v : List.of("V3", "V2", "V1")) {
      list.add(serializer("GraphSONMessageSerializer" + v, Map.of()));
      list.add(serializer("GraphSONUntypedMessageSerializer" + v, Map.of()));
    }
    return list;
  }

  private static Settings.SerializerSettings serializer(String simpleName, Map<String, Object> config) {
    Settings.SerializerSettings s = new Settings.SerializerSettings();
    s.className = SER + simpleName;
    s.config = new HashMap<>(config);
    return s;
  }
}
