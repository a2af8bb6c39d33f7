package dev.inkwell.testing;

import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import dev.inkwell.Inkwell;
import dev.inkwell.ServeCommand;
import dev.inkwell.platform.Settings;

import io.helidon.webserver.WebServerConfig;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Inkwell behind a test class's {@code @ServerTest} server: Helidon's test support builds and
 * starts the server, this gives it the app, configured exactly as {@code inkwell serve} configures
 * its own, on a database and a Redis database of its own, and closes the app after the last test.
 *
 * <pre>
 * &#64;ServerTest
 * class SomeTest {
 *     &#64;RegisterExtension
 *     static final ServedApp app = new ServedApp();
 *
 *     &#64;SetUpServer
 *     static void server(WebServerConfig.Builder server) {
 *         app.serve(server);
 *     }
 *
 *     SomeTest(URI uri) { ... new Api(uri) ... }
 * }
 * </pre>
 */
public final class ServedApp implements AfterAllCallback {

    private final Map<String, String> overrides;
    private final Clock clock;
    private Map<String, String> environment;
    private Inkwell inkwell;

    public ServedApp() {
        this(Map.of());
    }

    /** With some environment variables set or replaced, as {@link TestApp#start(Map)}. */
    public ServedApp(Map<String, String> overrides) {
        this(overrides, Clock.systemUTC());
    }

    /** As {@link #ServedApp(Map)}, on the given clock (a {@link MovableClock} lets tests move time on). */
    public ServedApp(Map<String, String> overrides, Clock clock) {
        this.overrides = Map.copyOf(overrides);
        this.clock = clock;
    }

    /** Builds and migrates the app, and configures the test's server to serve it. */
    public void serve(WebServerConfig.Builder server) {
        serve(server, Map.of());
    }

    /** As {@link #serve(WebServerConfig.Builder)}, with more variables known only once the class is set up. */
    public void serve(WebServerConfig.Builder server, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(overrides);
        all.putAll(more);
        environment = TestApp.environment(all);
        Settings settings = Settings.from(Settings.load(environment));
        inkwell = TestApp.migrated(settings, clock);
        ServeCommand.configure(server, settings, inkwell);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (inkwell != null) {
            inkwell.close();
        }
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Inkwell inkwell() {
        return inkwell;
    }

    /** The address of a server as Helidon's test support names it, without its trailing slash. */
    public static String base(URI uri) {
        return uri.toString().replaceFirst("/$", "");
    }
}
