package dev.inkwell;

import java.time.Clock;

import dev.inkwell.platform.Settings;

import io.helidon.metrics.api.Metrics;

/** {@code inkwell demo}: migrates, then loads the demo users and articles into an empty database. */
final class DemoCommand {

    private final Settings settings;

    DemoCommand(Settings settings) {
        this.settings = settings;
    }

    int run() {
        try (Inkwell inkwell = new Inkwell(settings, Metrics.globalRegistry(), Clock.systemUTC())) {
            WhileUnreachable.migrate(inkwell);
            System.out.println(inkwell.demoContent().loadIfEmpty());
        }
        return 0;
    }
}
