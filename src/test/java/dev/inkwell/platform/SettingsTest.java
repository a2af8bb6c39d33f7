package dev.inkwell.platform;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class SettingsTest {

    private static final String SECRET = "a-production-secret-of-enough-length-1234";

    @Test
    void productionRefusesAMissingOrDevelopmentSecret() {
        var missing = assertThrows(Settings.InvalidSettingsException.class,
                                   () -> settings(Map.of("INKWELL_ENV", "production")));
        assertTrue(missing.getMessage().contains("JWT_SECRET"), missing.getMessage());
        var development = assertThrows(Settings.InvalidSettingsException.class, () -> settings(Map.of(
                "INKWELL_ENV", "production", "JWT_SECRET", AuthSettings.DEVELOPMENT_JWT_SECRET)));
        assertTrue(development.getMessage().contains("JWT_SECRET"));
        assertTrue(settings(Map.of("INKWELL_ENV", "production", "JWT_SECRET", SECRET)).production());
        var shortSecret = assertThrows(Settings.InvalidSettingsException.class,
                                       () -> settings(Map.of("JWT_SECRET", "short")));
        assertTrue(shortSecret.getMessage().contains("at least 32"));
    }

    @Test
    void environmentVariablesOverrideTheFile() {
        Settings settings = settings(Map.of("PORT", "9999", "RATE_LIMIT_WRITES_PER_MINUTE", "7",
                                            "ACCESS_TOKEN_TTL", "PT1M", "CORS_ORIGINS",
                                            "https://app.example.com, http://localhost:3000"));
        assertEquals(9999, settings.server().port());
        assertEquals(7, settings.limits().writesPerMinute());
        assertEquals(java.time.Duration.ofMinutes(1), settings.auth().accessTokenTtl());
        assertEquals(java.util.Set.of("https://app.example.com", "http://localhost:3000"), settings.server().corsOrigins());
        assertEquals(8080, settings(Map.of()).server().port());
    }

    @Test
    void badValuesAreNamed() {
        assertMessage(Map.of("PORT", "eighty"), "PORT");
        assertMessage(Map.of("PORT", "70000"), "PORT");
        assertMessage(Map.of("ACCESS_TOKEN_TTL", "15 minutes"), "ACCESS_TOKEN_TTL");
        assertMessage(Map.of("DATABASE_URL", "mysql://x"), "DATABASE_URL");
        assertMessage(Map.of("CORS_ORIGINS", "*"), "CORS_ORIGINS");
        assertMessage(Map.of("COOKIE_SAME_SITE", "Sometimes"), "COOKIE_SAME_SITE");
        assertMessage(Map.of("MIGRATE_ON_START", "maybe"), "MIGRATE_ON_START");
        assertMessage(Map.of("DATABASE_POOL_SIZE", "0"), "DATABASE_POOL_SIZE");
        assertMessage(Map.of("WARM_UP_REQUESTS", "-1"), "WARM_UP_REQUESTS must be a number of at least 0");
        assertEquals(0, settings(Map.of("WARM_UP_REQUESTS", "0")).server().warmUpRequests());
        assertMessage(Map.of("CACHE_TTL", "-PT1S"), "CACHE_TTL must not be negative");
        assertEquals(java.time.Duration.ZERO, settings(Map.of("CACHE_TTL", "PT0S")).cache().ttl());
        assertMessage(Map.of("DATABASE_SLOW_QUERY_THRESHOLD", "PT0S"), "DATABASE_SLOW_QUERY_THRESHOLD");
        assertMessage(Map.of("REDIS_URL", "rediss://redis.internal:6379", "REDIS_CA_FILE", "/nonexistent/ca.crt"),
                      "REDIS_CA_FILE must name a readable PEM file");
        assertMessage(Map.of("REDIS_URL", "redis://redis.internal:6379", "REDIS_CA_FILE", "/etc/hostname"),
                      "REDIS_CA_FILE needs a TLS REDIS_URL");
    }

    @Test
    void redisCaFileIsOptional() {
        assertEquals(null, settings(Map.of()).redis().caFile());
        assertEquals(java.nio.file.Path.of("/etc/hostname"), settings(Map.of(
                "REDIS_URL", "rediss://redis.internal:6379", "REDIS_CA_FILE", "/etc/hostname")).redis().caFile());
    }

    @Test
    void redisSentinelsAreHostAndPortPairs() {
        Settings settings = settings(Map.of("REDIS_SENTINELS", "db1:26379, db2:26379,[::1]:26380",
                                            "CACHE_REDIS_MASTER_NAME", "inkwell-cache"));
        assertEquals(java.util.List.of(new HostAndPort("db1", 26379), new HostAndPort("db2", 26379),
                                       new HostAndPort("::1", 26380)), settings.redis().sentinels());
        assertEquals("inkwell", settings.redis().masterName());
        assertEquals("inkwell-cache", settings.cache().redisMasterName());
        assertEquals("other", settings(Map.of("REDIS_SENTINELS", "db1:26379", "REDIS_MASTER_NAME", "other"))
                .redis().masterName());
        assertEquals(java.util.List.of(), settings(Map.of()).redis().sentinels());
        assertEquals("", settings(Map.of("REDIS_SENTINELS", "db1:26379")).cache().redisMasterName());
    }

    @Test
    void badRedisSentinelSettingsAreNamed() {
        for (String sentinels : new String[] {"db1", "db1:26379,db2:0", "db1:port", ":26379", "::1:26379",
                                              "db1:26379;db2:26379", "db1:99999"}) {
            assertMessage(Map.of("REDIS_SENTINELS", sentinels), "REDIS_SENTINELS must list host:port pairs");
        }
        assertMessage(Map.of("REDIS_SENTINELS", "db1:26379", "REDIS_MASTER_NAME", "two words"), "REDIS_MASTER_NAME");
        assertMessage(Map.of("REDIS_SENTINELS", "db1:26379", "CACHE_REDIS_MASTER_NAME", "a/b"),
                      "CACHE_REDIS_MASTER_NAME");
        assertMessage(Map.of("CACHE_REDIS_MASTER_NAME", "inkwell-cache"), "CACHE_REDIS_MASTER_NAME needs REDIS_SENTINELS");
    }

    @Test
    void databaseUrlsInBothForms() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:p%40ss@db.internal:6543/inkwell?sslmode=require");
        assertEquals("jdbc:postgresql://db.internal:6543/inkwell?sslmode=require", url.jdbcUrl());
        assertEquals("app", url.user());
        assertEquals("p@ss", url.password());
        assertEquals("jdbc:postgresql://h:5432/d", DatabaseUrl.parse("postgres://h/d").jdbcUrl());
        DatabaseUrl jdbc = DatabaseUrl.parse("jdbc:postgresql://h:1/d").withCredentials("u", "p");
        assertEquals("u", jdbc.user());
        assertEquals("p", jdbc.password());
        assertTrue(!url.toString().contains("p@ss"), "the password stays out of logs");
    }

    @Test
    void verifiedTlsParametersReachTheDriver() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://10.0.0.13:5432/inkwell"
                + "?sslmode=verify-full&sslrootcert=/etc/inkwell/internal-ca.crt");
        assertEquals("jdbc:postgresql://10.0.0.13:5432/inkwell?sslmode=verify-full&sslrootcert=/etc/inkwell/internal-ca.crt",
                     url.jdbcUrl());
        assertEquals("jdbc:postgresql://db:5432/inkwell?sslrootcert=%2Fsrv%2Fmy%20ca.crt&sslmode=verify-full",
                     DatabaseUrl.parse("postgres://db/inkwell?sslrootcert=%2Fsrv%2Fmy%20ca.crt&sslmode=verify-full")
                             .jdbcUrl());
    }

    private static void assertMessage(Map<String, String> environment, String variable) {
        var error = assertThrows(Settings.InvalidSettingsException.class, () -> settings(environment));
        assertTrue(error.getMessage().contains(variable), error.getMessage());
    }

    private static Settings settings(Map<String, String> environment) {
        return Settings.from(Settings.load(environment));
    }
}
