package dev.inkwell;

import java.util.List;

import dev.inkwell.platform.Database;
import dev.inkwell.platform.Migrations;
import dev.inkwell.platform.Settings;

/**
 * {@code inkwell schema-check}: whether this release can run on the database's schema, asked
 * before a rollback. Exits {@link Main#EXIT_SCHEMA_AHEAD} when the database has migrations this
 * release does not know.
 */
final class SchemaCheckCommand {

    private final Settings settings;

    SchemaCheckCommand(Settings settings) {
        this.settings = settings;
    }

    int run() {
        List<String> unknown;
        String current;
        try (Database database = new Database(settings.database())) {
            Migrations migrations = new Migrations(database.dataSource());
            unknown = WhileUnreachable.retry("the schema check", migrations::unknownApplied);
            current = migrations.currentVersion();
        }
        if (unknown.isEmpty()) {
            System.out.println("inkwell: this release can run on the database's schema (version " + current + ")");
            return 0;
        }
        System.err.println("inkwell: the database schema (version " + current + ") is newer than this release: "
                                   + "it does not know migrations " + String.join(", ", unknown));
        return Main.EXIT_SCHEMA_AHEAD;
    }
}
