package dev.inkwell.platform;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.helidon.metrics.api.Counter;
import io.helidon.metrics.api.Gauge;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.Metrics;
import io.helidon.metrics.api.Timer;

import com.zaxxer.hikari.HikariPoolMXBean;

/** The application's own metrics, served in Prometheus format at {@code /metrics} on the admin port. */
public final class Telemetry {

    /** Histogram bounds for request latency, from a cache hit to a slow write. */
    private static final Duration[] LATENCY_BUCKETS = Stream.of(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public Telemetry(MeterRegistry registry) {
        this.registry = registry;
    }

    void request(String method, String route, int status, long nanos) {
        String key = method + ' ' + route + ' ' + status;
        requestTimers.computeIfAbsent(key, k -> registry.getOrCreate(
                        Timer.builder("inkwell.http.requests")
                                .tags(Metrics.tags("method", method, "route", route, "status", Integer.toString(status)))
                                .buckets(LATENCY_BUCKETS)))
                .record(nanos, RequestLog.UNIT);
    }

    public void cacheHit(String cache) {
        count("inkwell.cache.hits", "cache", cache);
    }

    public void cacheMiss(String cache) {
        count("inkwell.cache.misses", "cache", cache);
    }

    public void rateLimited(String limit) {
        count("inkwell.ratelimit.rejections", "limit", limit);
    }

    /** Exposes the connection pool's state. */
    public void watchPool(HikariPoolMXBean pool) {
        registry.getOrCreate(Gauge.builder("inkwell.db.pool.active", () -> pool.getActiveConnections()));
        registry.getOrCreate(Gauge.builder("inkwell.db.pool.idle", () -> pool.getIdleConnections()));
        registry.getOrCreate(Gauge.builder("inkwell.db.pool.total", () -> pool.getTotalConnections()));
        registry.getOrCreate(Gauge.builder("inkwell.db.pool.pending", () -> pool.getThreadsAwaitingConnection()));
    }

    private void count(String name, String tag, String value) {
        counters.computeIfAbsent(name + ' ' + value, k -> registry.getOrCreate(
                Counter.builder(name).tags(Metrics.tags(tag, value)))).increment();
    }
}
