package dev.inkwell.platform;

import java.util.Map;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.Api.Response;
import dev.inkwell.testing.RunningApp;

import io.helidon.http.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health, metrics and request ids: what operators and their tools rely on. */
class OperationsTest {

    @RegisterExtension
    static final RunningApp app = new RunningApp(Map.of("INKWELL_VERSION", "9.9.9-test"));

    @Test
    void healthAndMetricsAreOnTheAdminPortOnly() {
        app.api().get("/api/tags");
        Response live = app.admin().get("/health/live");
        assertEquals(Status.OK_200.code(), live.status());
        Response ready = app.admin().get("/health/ready");
        assertEquals(Status.OK_200.code(), ready.status());
        assertEquals("UP", ready.json().getString("status"));
        assertTrue(ready.body().contains("9.9.9-test"), ready.body());
        Response metrics = app.admin().get("/metrics");
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
            assertNotEquals(Status.OK_200.code(), app.api().get(path).status(), path + " must not be public");
        }
    }

    @Test
    void everyResponseCarriesARequestId() {
        Response generated = app.api().get("/api/tags");
        assertTrue(generated.header("X-Request-Id").matches("[0-9a-f]{24}"), generated.header("X-Request-Id"));
        Response echoed = app.api().send("GET", "/api/nothing", null, Map.of("X-Request-Id", "abc-123"));
        assertEquals(Status.NOT_FOUND_404.code(), echoed.status());
        assertEquals("abc-123", echoed.header("X-Request-Id"));
        Response insane = app.api().send("GET", "/api/tags", null, Map.of("X-Request-Id", "bad id with spaces"));
        assertNotEquals("bad id with spaces", insane.header("X-Request-Id"));
    }
}
