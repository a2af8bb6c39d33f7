package dev.inkwell;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.function.Supplier;

import dev.inkwell.platform.ErrorMapper;
import dev.inkwell.platform.Migrations;

/**
 * PostgreSQL may still be starting next to us, be slow to answer on a busy host during a deploy,
 * or be changing primaries: the commands retry reaching it for two minutes. Any other failure (a
 * broken migration) is final.
 */
final class WhileUnreachable {

    private static final System.Logger LOG = System.getLogger(WhileUnreachable.class.getName());
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(2);

    private WhileUnreachable() {
    }

    static <T> T retry(String what, Supplier<T> work) {
        long giveUpAt = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (true) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (System.nanoTime() - giveUpAt > 0 || !ErrorMapper.isUnavailable(e)) {
                    throw e;
                }
                LOG.log(Level.WARNING, "Database out of reach for " + what + ", retrying: " + e.getMessage());
                pause(Duration.ofSeconds(1));
            }
        }
    }

    /** Applies the pending migrations; returns how many. */
    static int migrate(Inkwell inkwell) {
        int applied = retry("migrations", () -> new Migrations(inkwell.database().dataSource()).migrate());
        if (applied > 0) {
            LOG.log(Level.INFO, "Applied " + applied + " database migrations");
        }
        return applied;
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
