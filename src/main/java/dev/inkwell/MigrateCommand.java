package dev.inkwell;

import java.time.Clock;

import dev.inkwell.platform.Migrations;
import dev.inkwell.platform.Settings;

import io.helidon.metrics.api.Metrics;

/** {@code inkwell migrate}: applies the database migrations this release has and the database lacks. */
final class MigrateCommand {

    private final Settings settings;

    MigrateCommand(Settings settings) {
        this.settings = settings;
    }

    int run() {
        try (Inkwell inkwell = new Inkwell(settings, Metrics.globalRegistry(), Clock.systemUTC())) {
            int applied = WhileUnreachable.migrate(inkwell);
            Migrations migrations = new Migrations(inkwell.database().dataSource());
            System.out.println("inkwell: database at version " + migrations.currentVersion()
                                       + " (" + applied + " migrations applied)");
        }
        return 0;
    }
}
