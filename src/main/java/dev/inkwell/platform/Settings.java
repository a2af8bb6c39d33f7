package dev.inkwell.platform;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/**
 * Everything Inkwell reads from configuration, validated once at start-up, in sections: each
 * component takes only its own. Values come from {@code application.yaml}, overridden by the
 * environment variables in {@link #ENVIRONMENT_KEYS}.
 */
public record Settings(String environment,
                       String version,
                       ServerSettings server,
                       DatabaseSettings database,
                       RedisSettings redis,
                       CacheSettings cache,
                       AuthSettings auth,
                       SessionSettings sessions,
                       LimitSettings limits) {

    /** Environment variables and the configuration keys they override. */
    static final Map<String, String> ENVIRONMENT_KEYS = Map.ofEntries(
            Map.entry("INKWELL_ENV", "inkwell.env"),
            Map.entry("INKWELL_VERSION", "inkwell.version"),
            Map.entry("HOST", "server.host"),
            Map.entry("PORT", "server.port"),
            Map.entry("ADMIN_HOST", "inkwell.admin-host"),
            Map.entry("ADMIN_PORT", "inkwell.admin-port"),
            Map.entry("DRAIN_DELAY", "inkwell.drain-delay"),
            Map.entry("SHUTDOWN_TIMEOUT", "inkwell.shutdown-timeout"),
            Map.entry("TRUSTED_PROXIES", "inkwell.trusted-proxies"),
            Map.entry("CORS_ORIGINS", "inkwell.cors-origins"),
            Map.entry("DATABASE_URL", "inkwell.database.url"),
            Map.entry("DATABASE_USER", "inkwell.database.user"),
            Map.entry("DATABASE_PASSWORD", "inkwell.database.password"),
            Map.entry("DATABASE_POOL_SIZE", "inkwell.database.pool-size"),
            Map.entry("DATABASE_CONNECT_TIMEOUT", "inkwell.database.connect-timeout"),
            Map.entry("DATABASE_ACQUIRE_TIMEOUT", "inkwell.database.acquire-timeout"),
            Map.entry("DATABASE_STATEMENT_TIMEOUT", "inkwell.database.statement-timeout"),
            Map.entry("DATABASE_SLOW_QUERY_THRESHOLD", "inkwell.database.slow-query-threshold"),
            Map.entry("MIGRATE_ON_START", "inkwell.database.migrate-on-start"),
            Map.entry("WARM_UP_REQUESTS", "inkwell.warm-up-requests"),
            Map.entry("REDIS_URL", "inkwell.redis.url"),
            Map.entry("REDIS_CA_FILE", "inkwell.redis.ca-file"),
            Map.entry("REDIS_SENTINELS", "inkwell.redis.sentinels"),
            Map.entry("REDIS_MASTER_NAME", "inkwell.redis.master-name"),
            Map.entry("CACHE_REDIS_URL", "inkwell.cache.redis-url"),
            Map.entry("CACHE_REDIS_MASTER_NAME", "inkwell.cache.redis-master-name"),
            Map.entry("JWT_SECRET", "inkwell.auth.jwt-secret"),
            Map.entry("ACCESS_TOKEN_TTL", "inkwell.auth.access-token-ttl"),
            Map.entry("REFRESH_TOKEN_TTL", "inkwell.auth.refresh-token-ttl"),
            Map.entry("PASSWORD_HASH_CONCURRENCY", "inkwell.auth.password-hash-concurrency"),
            Map.entry("PASSWORD_HASH_WAIT", "inkwell.auth.password-hash-wait"),
            Map.entry("COOKIE_SECURE", "inkwell.auth.cookie-secure"),
            Map.entry("COOKIE_SAME_SITE", "inkwell.auth.cookie-same-site"),
            Map.entry("SESSION_IDLE_TIMEOUT", "inkwell.sessions.idle-timeout"),
            Map.entry("SESSION_MAX_AGE", "inkwell.sessions.max-age"),
            Map.entry("RATE_LIMIT_AUTH_PER_MINUTE", "inkwell.rate-limits.auth-per-minute"),
            Map.entry("RATE_LIMIT_WRITES_PER_MINUTE", "inkwell.rate-limits.writes-per-minute"),
            Map.entry("RATE_LIMIT_COMMENTS_PER_MINUTE", "inkwell.rate-limits.comments-per-minute"),
            Map.entry("COMMENTS_PER_ARTICLE_MAX", "inkwell.comments.per-article-max"),
            Map.entry("CACHE_TTL", "inkwell.cache.ttl"));

    /** Reads {@code application.yaml} with the given environment laid over it. */
    public static Config load(Map<String, String> environment) {
        Map<String, String> overrides = new LinkedHashMap<>();
        ENVIRONMENT_KEYS.forEach((variable, key) -> {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                overrides.put(key, value.strip());
            }
        });
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(overrides).name("environment"))
                .addSource(ConfigSources.classpath("application.yaml"))
                .build();
    }

    /** Builds settings from configuration, failing with a message that names the offending variable. */
    public static Settings from(Config config) {
        Config inkwell = config.get("inkwell");
        String environment = inkwell.get("env").asString().orElse("development");
        AuthSettings auth = AuthSettings.from(inkwell.get("auth"), "production".equals(environment));
        DatabaseSettings database = DatabaseSettings.from(inkwell.get("database"));
        RedisSettings redis = RedisSettings.from(inkwell.get("redis"));
        CacheSettings cache = CacheSettings.from(inkwell.get("cache"), redis);
        return new Settings(
                environment,
                inkwell.get("version").asString().orElse("development"),
                ServerSettings.from(config.get("server"), inkwell),
                database,
                redis,
                cache,
                auth,
                SessionSettings.from(inkwell.get("sessions")),
                LimitSettings.from(inkwell));
    }

    public boolean production() {
        return "production".equals(environment);
    }

    /** Configuration that Inkwell cannot start with; the message names what to fix. */
    public static final class InvalidSettingsException extends RuntimeException {
        public InvalidSettingsException(String message) {
            super(message);
        }
    }
}
