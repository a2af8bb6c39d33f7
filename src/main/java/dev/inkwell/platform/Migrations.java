package dev.inkwell.platform;

import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

/**
 * Applies the schema migrations in {@code db/migration}. Flyway takes a PostgreSQL advisory lock,
 * so several instances starting at once migrate one after the other.
 */
public final class Migrations {

    private final Flyway flyway;

    public Migrations(DataSource dataSource) {
        this.flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .cleanDisabled(true)
                .load();
    }

    /** Migrates to the newest version and returns how many migrations ran. */
    public int migrate() {
        return flyway.migrate().migrationsExecuted;
    }

    /** The version the database is at, or "none" for an empty database. */
    public String currentVersion() {
        var current = flyway.info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    /**
     * Versions applied to the database that this release does not know: a newer release migrated
     * it. Such a release's schema may not suit this one's code (a rollback must not go past it).
     */
    public List<String> unknownApplied() {
        return Arrays.stream(flyway.info().all())
                .filter(migration -> migration.getState().isApplied() && !migration.getState().isResolved()
                        && migration.getVersion() != null)
                .map(migration -> migration.getVersion().getVersion())
                .toList();
    }
}
