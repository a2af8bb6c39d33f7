package dev.inkwell.platform;

import java.time.Duration;

import dev.inkwell.platform.Settings.InvalidSettingsException;

import io.helidon.config.Config;

import static dev.inkwell.platform.ConfigValues.nonNegativeDuration;
import static dev.inkwell.platform.ConfigValues.positive;

/**
 * The read cache: how long entries live ({@code PT0S}: no cache), how far into the anonymous list
 * it reaches, and its own Redis if any (a URL, or a master name the main Redis's Sentinels know;
 * both empty: the main Redis).
 */
public record CacheSettings(Duration ttl,
                            int listWindow,
                            String redisUrl,
                            String redisMasterName) {

    /** From the {@code inkwell.cache} node; a master name needs the main Redis's Sentinels. */
    static CacheSettings from(Config cache, RedisSettings redis) {
        String masterName = cache.get("redis-master-name").asString().orElse("").strip();
        if (!masterName.isEmpty()) {
            if (redis.sentinels().isEmpty()) {
                throw new InvalidSettingsException("CACHE_REDIS_MASTER_NAME needs REDIS_SENTINELS");
            }
            RedisSettings.masterName(masterName, "CACHE_REDIS_MASTER_NAME");
        }
        return new CacheSettings(
                nonNegativeDuration(cache.get("ttl"), "CACHE_TTL"),
                positive(cache.get("list-window"), "cache.list-window"),
                cache.get("redis-url").asString().orElse(""),
                masterName);
    }
}
