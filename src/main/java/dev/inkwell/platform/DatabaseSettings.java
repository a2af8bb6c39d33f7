package dev.inkwell.platform;

import java.time.Duration;

import dev.inkwell.platform.Settings.InvalidSettingsException;

import io.helidon.config.Config;

import static dev.inkwell.platform.ConfigValues.bool;
import static dev.inkwell.platform.ConfigValues.duration;
import static dev.inkwell.platform.ConfigValues.positive;
import static dev.inkwell.platform.ConfigValues.positiveDuration;

/** PostgreSQL: where it is, the pool, the time-outs, and whether serve migrates first. */
public record DatabaseSettings(DatabaseUrl url,
                               int poolSize,
                               Duration connectTimeout,
                               Duration acquireTimeout,
                               Duration statementTimeout,
                               Duration slowQueryThreshold,
                               boolean migrateOnStart) {

    /** From the {@code inkwell.database} node. */
    static DatabaseSettings from(Config database) {
        DatabaseUrl url = DatabaseUrl.parse(database.get("url").asString().orElseThrow(
                        () -> new InvalidSettingsException("DATABASE_URL must be set")))
                .withCredentials(database.get("user").asString().orElse(null),
                                 database.get("password").asString().orElse(null));
        return new DatabaseSettings(
                url,
                positive(database.get("pool-size"), "DATABASE_POOL_SIZE"),
                duration(database.get("connect-timeout"), "database.connect-timeout"),
                duration(database.get("acquire-timeout"), "database.acquire-timeout"),
                positiveDuration(database.get("statement-timeout"), "DATABASE_STATEMENT_TIMEOUT"),
                positiveDuration(database.get("slow-query-threshold"), "DATABASE_SLOW_QUERY_THRESHOLD"),
                bool(database.get("migrate-on-start"), "MIGRATE_ON_START"));
    }
}
