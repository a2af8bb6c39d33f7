package dev.inkwell.platform;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import redis.clients.jedis.Response;

/**
 * Cache-aside for rendered JSON in Redis, grouped in regions (one Redis hash each).
 * Every entry carries the region's generation at the time it was read from the database;
 * a write bumps the generation after its commit, so an entry computed from older data is
 * never served again, even when a slow reader stores it after the write.
 */
public final class ReadCache {

    private final Redis redis;
    private final Telemetry telemetry;
    private final long ttlSeconds;
    /** Set when an invalidation could not reach Redis: the cache is bypassed until one succeeds. */
    private final AtomicBoolean invalidationPending = new AtomicBoolean();

    public ReadCache(Redis redis, Telemetry telemetry, Duration ttl) {
        this.redis = redis;
        this.telemetry = telemetry;
        this.ttlSeconds = Math.max(1, ttl.toSeconds());
    }

    /** The cached value of {@code field} in {@code region}, or the loader's value (then cached). */
    public String get(String region, String field, Supplier<String> loader) {
        if (invalidationPending.get() && !retryInvalidation()) {
            return loader.get();
        }
        Lookup lookup = redis.orElse("cache bypassed", jedis -> {
            try (var pipeline = jedis.pipelined()) {
                Response<String> generation = pipeline.get(generationKey(region));
                Response<String> entry = pipeline.hget(regionKey(region), field);
                pipeline.sync();
                return new Lookup(generation.get() == null ? "0" : generation.get(), entry.get());
            }
        }, () -> null);
        if (lookup == null) {
            return loader.get();
        }
        String prefix = lookup.generation() + "|";
        if (lookup.entry() != null && lookup.entry().startsWith(prefix)) {
            telemetry.cacheHit(region);
            return lookup.entry().substring(prefix.length());
        }
        telemetry.cacheMiss(region);
        String value = loader.get();
        redis.orElse("cache not filled", jedis -> {
            try (var pipeline = jedis.pipelined()) {
                pipeline.hset(regionKey(region), field, prefix + value);
                pipeline.expire(regionKey(region), ttlSeconds);
                pipeline.sync();
            }
            return null;
        }, () -> null);
        return value;
    }

    /** Makes every entry of the regions stale. Call after the write has committed. */
    public void invalidate(String... regions) {
        boolean done = redis.orElse("cache invalidation postponed", jedis -> {
            try (var pipeline = jedis.pipelined()) {
                for (String region : regions) {
                    pipeline.incr(generationKey(region));
                    pipeline.del(regionKey(region));
                }
                pipeline.sync();
            }
            return true;
        }, () -> false);
        if (!done) {
            invalidationPending.set(true);
        }
    }

    private boolean retryInvalidation() {
        invalidationPending.set(false);
        invalidate(Regions.ALL.toArray(String[]::new));
        return !invalidationPending.get();
    }

    private static String generationKey(String region) {
        return "cache:" + region + ":generation";
    }

    private static String regionKey(String region) {
        return "cache:" + region;
    }

    private record Lookup(String generation, String entry) {
    }

    /** The cache regions, so a postponed invalidation can clear all of them. */
    public static final class Regions {
        public static final String ARTICLES = "articles";
        public static final String TAGS = "tags";
        static final java.util.List<String> ALL = java.util.List.of(ARTICLES, TAGS);

        private Regions() {
        }
    }
}
