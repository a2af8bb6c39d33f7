package dev.inkwell.platform;

import java.net.URI;
import java.util.Map;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.ServedApp;

import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpServer;
import io.helidon.webserver.testing.junit5.Socket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health, metrics and request ids: what operators and their tools rely on. */
@ServerTest
class OperationsTest {

    @RegisterExtension
    static final ServedApp app = new ServedApp(Map.of("INKWELL_VERSION", "9.9.9-test"));

    private final Api api;
    private final Api admin;

    OperationsTest(URI uri, @Socket("admin") URI admin) {
        this.api = new Api(uri);
        this.admin = new Api(admin);
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        app.serve(server);
    }

    @Test
    void healthAndMetricsAreOnTheAdminPortOnly() {
        api.get("/api/tags");
        Response live = admin.get("/health/live");
        assertEquals(Status.OK_200.code(), live.status());
        Response ready = admin.get("/health/ready");
        assertEquals(Status.OK_200.code(), ready.status());
        assertEquals("UP", ready.json().getString("status"));
        assertTrue(ready.body().contains("9.9.9-test"), ready.body());
        Response metrics = admin.get("/metrics");
        assertEquals(Status.OK_200.code(), metrics.status());
        assertTrue(metrics.body().contains("inkwell_http_requests"), "request metrics");
        assertTrue(metrics.body().contains("route=\"/api/tags\""), "labelled by route");
        assertTrue(metrics.body().contains("inkwell_db_pool_active"), "pool metrics");
        assertTrue(metrics.body().contains("inkwell_db_pool_wait_seconds_count"), "pool wait times");
        assertTrue(metrics.body().contains("inkwell_db_statements_seconds_count{"), "statement times");
        assertTrue(metrics.body().contains("redis=\"main\""), "Redis call times");
        assertTrue(metrics.body().contains("memory_usedHeap_bytes"), "JVM memory");
        assertTrue(metrics.body().contains("gc_total"), "garbage collections");

        for (String path : new String[] {"/health/ready", "/health/live", "/metrics", "/health"}) {
            assertNotEquals(Status.OK_200.code(), api.get(path).status(), path + " must not be public");
        }
    }

    @Test
    void everyResponseCarriesARequestId() {
        Response generated = api.get("/api/tags");
        assertTrue(generated.header("X-Request-Id").matches("[0-9a-f]{24}"), generated.header("X-Request-Id"));
        Response echoed = api.send("GET", "/api/nothing", null, Map.of("X-Request-Id", "abc-123"));
        assertEquals(Status.NOT_FOUND_404.code(), echoed.status());
        assertEquals("abc-123", echoed.header("X-Request-Id"));
        Response insane = api.send("GET", "/api/tags", null, Map.of("X-Request-Id", "bad id with spaces"));
        assertNotEquals("bad id with spaces", insane.header("X-Request-Id"));
    }
}
