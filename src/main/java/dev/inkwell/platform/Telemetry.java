package dev.inkwell.platform;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
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

    /** Histogram bounds for a wait on the pool or a call to Redis: from an idle pool to a timeout. */
    private static final Duration[] WAIT_BUCKETS = Stream.of(100L, 500L, 1_000L, 5_000L, 25_000L, 100_000L, 500_000L,
                                                             1_000_000L, 5_000_000L, 10_000_000L)
            .map(micros -> Duration.ofNanos(micros * 1_000)).toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final Map<String, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> statementTimers = new ConcurrentHashMap<>();
    private final Counter slowStatements;

    public Telemetry(MeterRegistry registry) {
        this.registry = registry;
        this.slowStatements = registry.getOrCreate(Counter.builder("inkwell.db.slow.statements"));
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

    /** A read answered with the last value served because the database was unavailable. */
    public void cacheServedStale(String cache) {
        count("inkwell.cache.stale", "cache", cache);
    }

    public void rateLimited(String limit) {
        count("inkwell.ratelimit.rejections", "limit", limit);
    }

    /** Exposes the connection pool's state; pending counts the requests waiting for their turn too. */
    public void watchPool(Database database) {
        HikariPoolMXBean pool = database.pool();
        registry.getOrCreate(Gauge.builder("inkwell.db.pool.active", () -> pool.getActiveConnections()));
        registry.getOrCreate(Gauge.builder("inkwell.db.pool.idle", () -> pool.getIdleConnections()));
        registry.getOrCreate(Gauge.builder("inkwell.db.pool.total", () -> pool.getTotalConnections()));
        registry.getOrCreate(Gauge.builder("inkwell.db.pool.pending",
                                           () -> pool.getThreadsAwaitingConnection() + database.waitingForConnection()));
    }

    /** Times every wait for a pooled connection, and counts the waits that gave up. */
    ConnectionTurns.Waits poolWaits() {
        Timer waits = registry.getOrCreate(Timer.builder("inkwell.db.pool.wait").buckets(WAIT_BUCKETS));
        Counter timeouts = registry.getOrCreate(Counter.builder("inkwell.db.pool.timeouts"));
        return new ConnectionTurns.Waits() {
            @Override
            public void waited(long nanos) {
                waits.record(nanos, RequestLog.UNIT);
            }

            @Override
            public void gaveUp() {
                timeouts.increment();
            }
        };
    }

    void statement(String type, long nanos) {
        statementTimers.computeIfAbsent(type, t -> registry.getOrCreate(
                        Timer.builder("inkwell.db.statements").tags(Metrics.tags("type", t)).buckets(LATENCY_BUCKETS)))
                .record(nanos, RequestLog.UNIT);
    }

    void slowStatement() {
        slowStatements.increment();
    }

    /** Times the calls of the Redis client with this name ({@code main}, or {@code cache} for a cache of its own). */
    public LongConsumer redisCalls(String redis) {
        Timer calls = registry.getOrCreate(Timer.builder("inkwell.redis.calls")
                                                   .tags(Metrics.tags("redis", redis)).buckets(WAIT_BUCKETS));
        return nanos -> calls.record(nanos, RequestLog.UNIT);
    }

    private void count(String name, String tag, String value) {
        counters.computeIfAbsent(name + ' ' + value, k -> registry.getOrCreate(
                Counter.builder(name).tags(Metrics.tags(tag, value)))).increment();
    }
}
