package dev.inkwell.platform;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.inkwell.testing.ShippedMigrations;
import dev.inkwell.testing.TestServices;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationsTest {

    private static final List<Integer> SHIPPED = ShippedMigrations.versions();
    /** A migration of a newer release. */
    private static final int NEWER = SHIPPED.getLast() + 1;

    @Test
    void migratesAnEmptyDatabaseOnceAndThenDoesNothing() throws Exception {
        try (Database database = database()) {
            Migrations migrations = new Migrations(database.dataSource());
            assertEquals("none", migrations.currentVersion());
            assertEquals(SHIPPED.size(), migrations.migrate());
            assertEquals(String.valueOf(SHIPPED.getLast()), migrations.currentVersion());
            assertEquals(0, migrations.migrate());
            try (Connection connection = database.dataSource().getConnection();
                 ResultSet tables = connection.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
                List<String> names = new java.util.ArrayList<>();
                while (tables.next()) {
                    names.add(tables.getString("TABLE_NAME"));
                }
                assertTrue(names.containsAll(List.of("users", "articles", "comments", "tags", "article_tags",
                                                     "favorites", "follows", "article_slugs",
                                                     "article_count_slots")), names.toString());
            }
        }
    }

    @Test
    void migrationsRunWithoutTheStatementTimeOutAndRequestsKeepIt() throws Exception {
        try (Database database = database()) {
            new Migrations(database.dataSource()).migrate();
            // Every pooled connection, including the ones the migration used, has the app's time-out.
            List<Connection> connections = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    connections.add(database.dataSource().getConnection());
                    try (ResultSet timeout = connections.getLast().createStatement().executeQuery("SHOW statement_timeout")) {
                        timeout.next();
                        assertEquals("5s", timeout.getString(1));
                    }
                }
            } finally {
                for (Connection connection : connections) {
                    connection.close();
                }
            }
        }
    }

    @Test
    void namesTheMigrationsOfANewerReleaseItDoesNotKnow() throws Exception {
        try (Database database = database()) {
            Migrations migrations = new Migrations(database.dataSource());
            migrations.migrate();
            assertEquals(List.of(), migrations.unknownApplied());
            try (Connection connection = database.dataSource().getConnection();
                 var statement = connection.createStatement()) {
                // What a newer release's next migration leaves in Flyway's history.
                statement.executeUpdate("""
                        INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,
                            checksum, installed_by, execution_time, success)
                        VALUES (%1$d, '%1$d', 'from a newer release', 'SQL', 'V%1$d__from_a_newer_release.sql',
                            0, current_user, 1, true)""".formatted(NEWER));
            }
            assertEquals(List.of(String.valueOf(NEWER)), migrations.unknownApplied());
            assertEquals(String.valueOf(NEWER), migrations.currentVersion());
        }
    }

    @Test
    void instancesStartingTogetherMigrateOneAfterTheOther() throws Exception {
        String url = TestServices.get().newDatabase();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Integer>> starts = List.of(() -> migrate(url), () -> migrate(url), () -> migrate(url));
            int applied = 0;
            for (Future<Integer> result : pool.invokeAll(starts)) {
                applied += result.get();
            }
            assertEquals(SHIPPED.size(), applied, "each migration ran exactly once");
        } finally {
            pool.shutdownNow();
        }
    }

    private static int migrate(String url) {
        try (Database database = database(url)) {
            return new Migrations(database.dataSource()).migrate();
        }
    }

    private static Database database() {
        return database(TestServices.get().newDatabase());
    }

    private static Database database(String url) {
        return new Database(Settings.from(Settings.load(Map.of("DATABASE_URL", url, "DATABASE_POOL_SIZE", "2")))
                                    .database());
    }
}
