package dev.inkwell.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import redis.clients.jedis.HostAndPort;

/**
 * Everything Inkwell reads from configuration, validated once at start-up.
 * Values come from {@code application.yaml}, overridden by the environment variables in {@link #ENVIRONMENT_KEYS}.
 */
public record Settings(String environment,
                       String version,
                       String host,
                       int port,
                       String adminHost,
                       int adminPort,
                       Duration drainDelay,
                       Duration shutdownTimeout,
                       List<String> trustedProxies,
                       Set<String> corsOrigins,
                       DatabaseUrl database,
                       int databasePoolSize,
                       Duration databaseConnectTimeout,
                       Duration databaseAcquireTimeout,
                       Duration databaseStatementTimeout,
                       Duration databaseSlowQueryThreshold,
                       boolean migrateOnStart,
                       int warmUpRequests,
                       String redisUrl,
                       String cacheRedisUrl,
                       Duration redisTimeout,
                       Path redisCaFile,
                       List<HostAndPort> redisSentinels,
                       String redisMasterName,
                       String cacheRedisMasterName,
                       String jwtSecret,
                       Duration accessTokenTtl,
                       Duration refreshTokenTtl,
                       int passwordHashConcurrency,
                       Duration passwordHashWait,
                       String cookieSecure,
                       String cookieSameSite,
                       Duration sessionIdleTimeout,
                       Duration sessionMaxAge,
                       int authRequestsPerMinute,
                       int writesPerMinute,
                       int commentsPerMinute,
                       int commentsPerArticle,
                       Duration cacheTtl,
                       int cacheListWindow,
                       Config server) {

    /** The secret used when none is configured: fine on a laptop, refused in production. */
    public static final String DEVELOPMENT_JWT_SECRET = "inkwell-development-secret-do-not-use-in-production";

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
        String secret = inkwell.get("auth.jwt-secret").asString().orElse(DEVELOPMENT_JWT_SECRET);
        if ("production".equals(environment)) {
            if (secret.equals(DEVELOPMENT_JWT_SECRET) || inkwell.get("auth.jwt-secret").asString().isEmpty()) {
                throw new InvalidSettingsException("JWT_SECRET must be set when INKWELL_ENV=production");
            }
        }
        if (secret.length() < 32) {
            throw new InvalidSettingsException("JWT_SECRET must be at least 32 characters long");
        }
        String sameSite = inkwell.get("auth.cookie-same-site").asString().orElse("Lax");
        if (!List.of("Strict", "Lax", "None").contains(sameSite)) {
            throw new InvalidSettingsException("COOKIE_SAME_SITE must be Strict, Lax or None");
        }
        String cookieSecure = inkwell.get("auth.cookie-secure").asString().orElse("auto");
        if (!List.of("auto", "true", "false").contains(cookieSecure)) {
            throw new InvalidSettingsException("COOKIE_SECURE must be auto, true or false");
        }
        DatabaseUrl database = DatabaseUrl.parse(inkwell.get("database.url").asString().orElseThrow(
                        () -> new InvalidSettingsException("DATABASE_URL must be set")))
                .withCredentials(inkwell.get("database.user").asString().orElse(null),
                                 inkwell.get("database.password").asString().orElse(null));
        String redisUrl = inkwell.get("redis.url").asString()
                .orElseThrow(() -> new InvalidSettingsException("REDIS_URL must be set"));
        List<HostAndPort> sentinels = sentinels(inkwell.get("redis.sentinels"));
        String cacheMasterName = inkwell.get("cache.redis-master-name").asString().orElse("").strip();
        if (!cacheMasterName.isEmpty()) {
            if (sentinels.isEmpty()) {
                throw new InvalidSettingsException("CACHE_REDIS_MASTER_NAME needs REDIS_SENTINELS");
            }
            masterName(cacheMasterName, "CACHE_REDIS_MASTER_NAME");
        }
        return new Settings(
                environment,
                inkwell.get("version").asString().orElse("development"),
                config.get("server.host").asString().orElse("0.0.0.0"),
                port(config.get("server.port"), "PORT"),
                inkwell.get("admin-host").asString().orElse("127.0.0.1"),
                port(inkwell.get("admin-port"), "ADMIN_PORT"),
                duration(inkwell.get("drain-delay"), "DRAIN_DELAY"),
                duration(inkwell.get("shutdown-timeout"), "SHUTDOWN_TIMEOUT"),
                list(inkwell.get("trusted-proxies")),
                corsOrigins(inkwell.get("cors-origins")),
                database,
                positive(inkwell.get("database.pool-size"), "DATABASE_POOL_SIZE"),
                duration(inkwell.get("database.connect-timeout"), "database.connect-timeout"),
                duration(inkwell.get("database.acquire-timeout"), "database.acquire-timeout"),
                positiveDuration(inkwell.get("database.statement-timeout"), "DATABASE_STATEMENT_TIMEOUT"),
                positiveDuration(inkwell.get("database.slow-query-threshold"), "DATABASE_SLOW_QUERY_THRESHOLD"),
                bool(inkwell.get("database.migrate-on-start"), "MIGRATE_ON_START"),
                atLeast(0, inkwell.get("warm-up-requests"), "WARM_UP_REQUESTS"),
                redisUrl,
                inkwell.get("cache.redis-url").asString().orElse(""),
                duration(inkwell.get("redis.timeout"), "redis.timeout"),
                redisCaFile(inkwell.get("redis.ca-file"), redisUrl),
                sentinels,
                masterName(inkwell.get("redis.master-name").asString().orElse("inkwell").strip(), "REDIS_MASTER_NAME"),
                cacheMasterName,
                secret,
                duration(inkwell.get("auth.access-token-ttl"), "ACCESS_TOKEN_TTL"),
                duration(inkwell.get("auth.refresh-token-ttl"), "REFRESH_TOKEN_TTL"),
                positive(inkwell.get("auth.password-hash-concurrency"), "PASSWORD_HASH_CONCURRENCY"),
                duration(inkwell.get("auth.password-hash-wait"), "PASSWORD_HASH_WAIT"),
                cookieSecure,
                sameSite,
                duration(inkwell.get("sessions.idle-timeout"), "SESSION_IDLE_TIMEOUT"),
                duration(inkwell.get("sessions.max-age"), "SESSION_MAX_AGE"),
                positive(inkwell.get("rate-limits.auth-per-minute"), "RATE_LIMIT_AUTH_PER_MINUTE"),
                positive(inkwell.get("rate-limits.writes-per-minute"), "RATE_LIMIT_WRITES_PER_MINUTE"),
                positive(inkwell.get("rate-limits.comments-per-minute"), "RATE_LIMIT_COMMENTS_PER_MINUTE"),
                positive(inkwell.get("comments.per-article-max"), "COMMENTS_PER_ARTICLE_MAX"),
                nonNegativeDuration(inkwell.get("cache.ttl"), "CACHE_TTL"),
                positive(inkwell.get("cache.list-window"), "cache.list-window"),
                config.get("server"));
    }

    public boolean production() {
        return "production".equals(environment);
    }

    /** A TCP port; 0 asks the system for a free one. */
    private static int port(Config value, String name) {
        int port;
        try {
            port = value.asInt().orElse(-1);
        } catch (RuntimeException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new InvalidSettingsException(name + " must be a TCP port (0-65535)");
        }
        return port;
    }

    private static boolean bool(Config value, String name) {
        String text = value.asString().orElse("true");
        if (!text.equals("true") && !text.equals("false")) {
            throw new InvalidSettingsException(name + " must be true or false");
        }
        return Boolean.parseBoolean(text);
    }

    private static List<String> list(Config value) {
        return Arrays.stream(value.asString().orElse("").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Exact origins such as https://app.example.com; a wildcard would hand cookies to any site. */
    private static Set<String> corsOrigins(Config value) {
        List<String> origins = list(value);
        for (String origin : origins) {
            if (!origin.matches("https?://[^/*\\s]+")) {
                throw new InvalidSettingsException(
                        "CORS_ORIGINS must list exact origins like https://app.example.com, not '" + origin + "'");
            }
        }
        return Set.copyOf(origins);
    }

    /** The CA certificate a TLS Redis must be signed by; none: the Java runtime's own authorities. */
    private static Path redisCaFile(Config value, String redisUrl) {
        String file = value.asString().orElse("").strip();
        if (file.isEmpty()) {
            return null;
        }
        if (!redisUrl.startsWith("rediss://")) {
            throw new InvalidSettingsException("REDIS_CA_FILE needs a TLS REDIS_URL (rediss://...)");
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new InvalidSettingsException("REDIS_CA_FILE must name a readable PEM file, not '" + file + "'");
        }
        return path;
    }

    /**
     * REDIS_SENTINELS: {@code host:port} of each Sentinel, comma-separated ({@code [::1]:26379} for
     * IPv6); empty for one Redis at the address of REDIS_URL.
     */
    private static List<HostAndPort> sentinels(Config value) {
        List<HostAndPort> sentinels = new ArrayList<>();
        for (String address : list(value)) {
            int colon = address.lastIndexOf(':');
            String host = colon < 0 ? "" : address.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (host.isEmpty() || !host.matches("[A-Za-z0-9.:_-]+") || (host.contains(":") && !address.startsWith("["))
                    || port < 1 || port > 65535) {
                throw new InvalidSettingsException(
                        "REDIS_SENTINELS must list host:port pairs like db1:26379,db2:26379, not '" + address + "'");
            }
            sentinels.add(new HostAndPort(host, port));
        }
        return List.copyOf(sentinels);
    }

    /** The name under which the Sentinels know a master: the first word of their {@code sentinel monitor} line. */
    private static String masterName(String name, String variable) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidSettingsException(
                    variable + " must be a Sentinel master name (letters, digits, '.', '_', '-'), not '" + name + "'");
        }
        return name;
    }

    private static int positive(Config value, String name) {
        return atLeast(1, value, name);
    }

    private static int atLeast(int least, Config value, String name) {
        String requirement = name + (least == 1 ? " must be a positive number" : " must be a number of at least " + least);
        try {
            int number = value.asInt().get();
            if (number < least) {
                throw new InvalidSettingsException(requirement);
            }
            return number;
        } catch (RuntimeException e) {
            if (e instanceof InvalidSettingsException invalid) {
                throw invalid;
            }
            throw new InvalidSettingsException(requirement);
        }
    }

    /** A duration of at least a millisecond (PostgreSQL reads 0 as "no limit"). */
    private static Duration positiveDuration(Config value, String name) {
        Duration duration = duration(value, name);
        if (duration.toMillis() < 1) {
            throw new InvalidSettingsException(name + " must be at least a millisecond, such as PT5S");
        }
        return duration;
    }

    private static Duration nonNegativeDuration(Config value, String name) {
        Duration duration = duration(value, name);
        if (duration.isNegative()) {
            throw new InvalidSettingsException(name + " must not be negative, such as PT5M (PT0S for none)");
        }
        return duration;
    }

    private static Duration duration(Config value, String name) {
        try {
            return Duration.parse(value.asString().get());
        } catch (RuntimeException e) {
            throw new InvalidSettingsException(name + " must be an ISO-8601 duration such as PT15M");
        }
    }

    /** Configuration that Inkwell cannot start with; the message names what to fix. */
    public static final class InvalidSettingsException extends RuntimeException {
        public InvalidSettingsException(String message) {
            super(message);
        }
    }
}
