package dev.inkwell.platform;

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
}
