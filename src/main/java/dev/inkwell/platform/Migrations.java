package dev.inkwell.platform;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Applies the schema migrations in {@code db/migration}. Flyway takes a PostgreSQL advisory lock,
 * so several instances starting at once migrate one after the other.
 */
public final class Migrations {

    private final DataSource dataSource;
    private final Flyway flyway;

    public Migrations(DataSource dataSource) {
        this.dataSource = dataSource;
        this.flyway = configure(dataSource).load();
    }

    /**
     * Migrates to the newest version and returns how many migrations ran. Migrations may run longer
     * than the app's statement time-out (an index on a big table), so they run without it, and the
     * connections they used are replaced afterwards rather than handed to requests without a limit.
     */
    public int migrate() {
        try {
            return configure(dataSource).callbacks(new WithoutStatementTimeout()).load().migrate().migrationsExecuted;
        } finally {
            if (dataSource instanceof HikariDataSource pool && pool.getHikariPoolMXBean() != null) {
                pool.getHikariPoolMXBean().softEvictConnections();
            }
        }
    }

    private static FluentConfiguration configure(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .cleanDisabled(true);
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

    /**
     * Lifts the app's statement time-out on each connection Flyway opens for migrating, and the
     * read time-out above it, which would otherwise cut a long migration off.
     */
    private static final class WithoutStatementTimeout implements Callback {
        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.AFTER_CONNECT;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            try (Statement statement = context.getConnection().createStatement()) {
                statement.execute("SET statement_timeout = 0");
                context.getConnection().setNetworkTimeout(Runnable::run, 0);
            } catch (SQLException e) {
                throw new IllegalStateException("could not lift the time-outs for migrations", e);
            }
        }

        @Override
        public String getCallbackName() {
            return "without-statement-timeout";
        }
    }
}
