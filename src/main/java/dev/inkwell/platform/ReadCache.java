package dev.inkwell.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import redis.clients.jedis.Response;

/**
 * Cache-aside for rendered JSON and pages in Redis, grouped in regions (one Redis hash each).
 * Every entry carries the region's generation at the time it was read from the database;
 * a write replaces the generation after its commit, so an entry computed from older data is
 * never served again, even when a slow reader stores it after the write.
 * <p>
 * Each instance also keeps the entries it used lately in memory, tagged with their generation:
 * while the region's generation is unchanged a read costs one small Redis round trip instead of
 * moving the whole entry. Generations are random rather than counted, so a Redis that lost its
 * data cannot bring an old generation, and the entries of that time, back to life.
 * <p>
 * While the database is unavailable (a failover, a restart), a read this instance served lately
 * answers with the value it last had, even if a write has made it stale since: a visitor sees a
 * page a few seconds old rather than an error. Only for as long again as the cache's lifetime.
 * Such a read also waits for the database no longer than a statement may run: a primary whose
 * machine vanished leaves its connections silent until the socket time-out, and the retry then
 * waits for the new primary, twenty seconds in all for what this instance can answer at once.
 */
public final class ReadCache {

    /** Entries kept in memory per instance; a few pages and lists are what is hot. */
    private static final int LOCAL_ENTRIES = 256;
    /** Larger answers are not cached at all: rebuilding one costs less than letting a few crowd out the rest. */
    static final int MAX_ENTRY_CHARS = 512 * 1024;
    /** Larger entries stay in Redis only, so memory holds at most 256 small entries (about 16 MB at worst). */
    static final int MAX_LOCAL_ENTRY_CHARS = 32 * 1024;
    private static final String NO_GENERATION = "0";

    private final Redis redis;
    private final Telemetry telemetry;
    /** False with a TTL of zero: every read goes to the database (writes still invalidate, for other instances). */
    private final boolean enabled;
    private final long ttlSeconds;
    private final long ttlNanos;
    private final long patienceNanos;
    private final Map<String, LocalEntry> local = new ConcurrentHashMap<>();
    /** Set when an invalidation could not reach Redis: the cache is bypassed until one succeeds. */
    private final AtomicBoolean invalidationPending = new AtomicBoolean();

    /**
     * {@code patience}: how long a read that has a last known value waits for the database before
     * that value answers (the statement time-out: a wait longer than that is for a lost connection).
     */
    public ReadCache(Redis redis, Telemetry telemetry, Duration ttl, Duration patience) {
        this.redis = redis;
        this.patienceNanos = patience.toNanos();
        this.telemetry = telemetry;
        this.enabled = !ttl.isZero();
        // Redis expires whole seconds: a shorter positive TTL is rounded up.
        this.ttlSeconds = Math.max(1, ttl.plusNanos(999_999_999).toSeconds());
        this.ttlNanos = TimeUnit.SECONDS.toNanos(ttlSeconds);
    }

    /** The cached value of {@code field} in {@code region}, or the loader's value (then cached). */
    public String get(String region, String field, Supplier<String> loader) {
        if (!enabled || (invalidationPending.get() && !retryInvalidation())) {
            return loader.get();
        }
        String localKey = region + "\n" + field;
        LocalEntry recent = local.get(localKey);
        Lookup lookup = redis.orElse("cache bypassed", jedis -> {
            if (recent != null && recent.verified() && recent.isFresh(System.nanoTime())) {
                String generation = generationOf(jedis.get(generationKey(region)));
                if (generation.equals(recent.generation())) {
                    return new Lookup(generation, null, recent.value());
                }
            }
            try (var pipeline = jedis.pipelined()) {
                Response<String> generation = pipeline.get(generationKey(region));
                Response<String> entry = pipeline.hget(regionKey(region), field);
                pipeline.sync();
                return new Lookup(generationOf(generation.get()), entry.get(), null);
            }
        }, () -> null);
        if (lookup == null) {
            // Without Redis the generation cannot be checked: keep the value only as the last known.
            local.computeIfPresent(localKey, (key, entry) -> entry.unverified());
            try {
                return load(region, localKey, loader).value();
            } catch (RuntimeException e) {
                return lastKnown(region, localKey, e);
            }
        }
        if (lookup.localValue() != null) {
            telemetry.cacheHit(region);
            return lookup.localValue();
        }
        String prefix = lookup.generation() + "|";
        if (lookup.entry() != null && lookup.entry().startsWith(prefix)) {
            telemetry.cacheHit(region);
            String value = lookup.entry().substring(prefix.length());
            remember(localKey, lookup.generation(), value);
            return value;
        }
        telemetry.cacheMiss(region);
        Loaded loaded;
        try {
            loaded = load(region, localKey, loader);
        } catch (RuntimeException e) {
            // Never stored: a stale value must not pass for the current generation's.
            return lastKnown(region, localKey, e);
        }
        if (!loaded.current()) {
            return loaded.value();
        }
        String value = loaded.value();
        if (value.length() > MAX_ENTRY_CHARS) {
            return value;
        }
        redis.orElse("cache not filled", jedis -> {
            try (var pipeline = jedis.pipelined()) {
                pipeline.hset(regionKey(region), field, prefix + value);
                pipeline.expire(regionKey(region), ttlSeconds);
                pipeline.sync();
            }
            return null;
        }, () -> null);
        remember(localKey, lookup.generation(), value);
        return value;
    }

    /**
     * The loader's value; or, when this instance has a last known value not too old and the loader
     * takes longer than the patience, that value (not current: never to be stored), while the
     * loader goes on by itself and fails or finishes unseen.
     */
    private Loaded load(String region, String localKey, Supplier<String> loader) {
        LocalEntry last = local.get(localKey);
        if (last == null || !last.isFresh(System.nanoTime() - ttlNanos)) {
            return new Loaded(loader.get(), true);
        }
        FutureTask<String> load = new FutureTask<>(loader::get);
        Thread.startVirtualThread(load);
        try {
            return new Loaded(load.get(patienceNanos, TimeUnit.NANOSECONDS), true);
        } catch (TimeoutException e) {
            telemetry.cacheServedStale(region);
            return new Loaded(last.value(), false);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }

    /** A value for a reader, and whether it is the current one (else a last known one). */
    private record Loaded(String value, boolean current) {
    }

    /** When the loader failed for want of a database: the last value served, if not too old; else the failure. */
    private String lastKnown(String region, String localKey, RuntimeException failure) {
        LocalEntry last = local.get(localKey);
        if (last == null || !last.isFresh(System.nanoTime() - ttlNanos) || !ErrorMapper.isUnavailable(failure)) {
            throw failure;
        }
        telemetry.cacheServedStale(region);
        return last.value();
    }

    /** Makes every entry of the regions stale. Call after the write has committed. */
    public void invalidate(String... regions) {
        boolean done = redis.orElse("cache invalidation postponed", jedis -> {
            try (var pipeline = jedis.pipelined()) {
                List<Response<?>> writes = new ArrayList<>();
                for (String region : regions) {
                    writes.add(pipeline.set(generationKey(region), newGeneration()));
                    writes.add(pipeline.del(regionKey(region)));
                }
                pipeline.sync();
                Redis.requireAll(writes);
            }
            return true;
        }, () -> false);
        if (!done) {
            invalidationPending.set(true);
        }
    }

    /** Keeps an entry in memory; when full, an arbitrary old one makes room (hot entries come back at once). */
    private void remember(String localKey, String generation, String value) {
        if (generation.equals(NO_GENERATION) || value.length() > MAX_LOCAL_ENTRY_CHARS) {
            // A Redis that lost its data also reads as "no generation": never trust memory then.
            return;
        }
        if (local.size() >= LOCAL_ENTRIES && !local.containsKey(localKey)) {
            var oldest = local.keySet().iterator();
            if (oldest.hasNext()) {
                local.remove(oldest.next());
            }
        }
        local.put(localKey, new LocalEntry(generation, value, System.nanoTime() + ttlNanos, true));
    }

    private static String generationOf(String stored) {
        return stored == null ? NO_GENERATION : stored;
    }

    private static String newGeneration() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong() | 1L);
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

    /** What Redis said: the region's generation, and the entry or the confirmed in-memory value. */
    private record Lookup(String generation, String entry, String localValue) {
    }

    /**
     * An entry held in memory; it also expires with the cache's lifetime, as the Redis copy does.
     * An unverified one (Redis did not answer) serves only as the last known value.
     */
    private record LocalEntry(String generation, String value, long expiresAtNanos, boolean verified) {
        boolean isFresh(long now) {
            return now - expiresAtNanos < 0;
        }

        LocalEntry unverified() {
            return new LocalEntry(generation, value, expiresAtNanos, false);
        }
    }

    /** The cache regions, so a postponed invalidation can clear all of them. */
    public static final class Regions {
        public static final String ARTICLES = "articles";
        public static final String TAGS = "tags";
        /**
         * Article pages as anonymous visitors see them: the article, its comments and the profiles
         * of everyone shown, so every write to any of these invalidates it.
         */
        public static final String ARTICLE_PAGES = "article-pages";
        static final java.util.List<String> ALL = java.util.List.of(ARTICLES, TAGS, ARTICLE_PAGES);

        private Regions() {
        }
    }
}
