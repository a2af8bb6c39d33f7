package dev.inkwell.testing;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import dev.inkwell.Inkwell;
import dev.inkwell.ServeCommand;
import dev.inkwell.platform.Migrations;
import dev.inkwell.platform.Settings;

import io.helidon.metrics.api.Metrics;
import io.helidon.webserver.WebServer;

/**
 * A real Inkwell on ephemeral ports, on its own database and Redis database, started and stopped by
 * the test itself: for a second instance, or an app on a dependency the test takes away. A test
 * class's own app is a {@link ServedApp} behind Helidon's {@code @ServerTest}.
 */
public final class TestApp implements AutoCloseable {

    public static final String JWT_SECRET = "test-secret-test-secret-test-secret-0123";

    private final Inkwell inkwell;
    private final WebServer server;
    private final Api api;
    private final Api admin;
    private final Map<String, String> environment;

    private TestApp(Map<String, String> environment, Clock clock) {
        this.environment = Map.copyOf(environment);
        Settings settings = Settings.from(Settings.load(environment));
        this.inkwell = migrated(settings, clock);
        this.server = ServeCommand.server(settings, inkwell).start();
        this.api = new Api("http://127.0.0.1:" + server.port());
        this.admin = new Api("http://127.0.0.1:" + server.port("admin"));
    }

    /** An app with generous rate limits, a fresh database and a fresh Redis database. */
    public static TestApp start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with some environment variables set or replaced. */
    public static TestApp start(Map<String, String> overrides) {
        return start(overrides, Clock.systemUTC());
    }

    /** As {@link #start(Map)}, on the given clock (a {@link MovableClock} lets tests move time on). */
    public static TestApp start(Map<String, String> overrides, Clock clock) {
        return new TestApp(environment(overrides), clock);
    }

    /**
     * A test app's environment: free ports, generous rate limits, a fresh database and a fresh Redis
     * database, and the given variables set or replaced.
     */
    static Map<String, String> environment(Map<String, String> overrides) {
        TestServices services = TestServices.get();
        Map<String, String> environment = new HashMap<>();
        environment.put("PORT", "0");
        environment.put("ADMIN_PORT", "0");
        environment.put("HOST", "127.0.0.1");
        environment.put("JWT_SECRET", JWT_SECRET);
        environment.put("RATE_LIMIT_AUTH_PER_MINUTE", "10000");
        environment.put("RATE_LIMIT_WRITES_PER_MINUTE", "10000");
        environment.put("DATABASE_CONNECT_TIMEOUT", "PT2S");
        environment.put("DATABASE_ACQUIRE_TIMEOUT", "PT2S");
        // Idle keep-alive connections of the test client would otherwise hold every stop for the full grace period.
        environment.put("SHUTDOWN_TIMEOUT", "PT1S");
        if (!overrides.containsKey("DATABASE_URL")) {
            environment.put("DATABASE_URL", services.newDatabase());
        }
        if (!overrides.containsKey("REDIS_URL")) {
            environment.put("REDIS_URL", services.newRedis());
        }
        environment.putAll(overrides);
        return environment;
    }

    /** The app on these settings, its database migrated. */
    static Inkwell migrated(Settings settings, Clock clock) {
        Inkwell inkwell = new Inkwell(settings, Metrics.globalRegistry(), clock);
        new Migrations(inkwell.database().dataSource()).migrate();
        return inkwell;
    }

    public Api api() {
        return api;
    }

    public Api admin() {
        return admin;
    }

    public int port() {
        return server.port();
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Inkwell inkwell() {
        return inkwell;
    }

    public HttpResponse<String> ready() {
        return admin.raw("GET", "/health/ready", null, Map.of());
    }

    @Override
    public void close() {
        server.stop();
        inkwell.close();
    }
}
