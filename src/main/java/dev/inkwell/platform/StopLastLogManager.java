package dev.inkwell.platform;

import java.io.IOException;
import java.io.InputStream;
import java.util.logging.LogManager;

/**
 * A log manager that keeps logging while the process stops. The JDK's own resets logging (closes
 * every handler) in a shutdown hook that runs beside all others, so whatever serve logs while it
 * drains after SIGTERM would be lost. This one ignores that reset; the stop hook calls
 * {@link #closeHandlers()} once it has logged its last line. Chosen by the
 * {@code java.util.logging.manager} system property before logging starts ({@code Main}).
 */
public final class StopLastLogManager extends LogManager {

    /** Called by the JDK's shutdown hook, and nobody else here: ignored (see the class comment). */
    @Override
    public void reset() {
    }

    @Override
    public void readConfiguration(InputStream configuration) throws IOException, SecurityException {
        // Configuring replaces the handlers configured before: the reset skipped above is done here.
        super.reset();
        super.readConfiguration(configuration);
    }

    /** Flushes and closes the handlers; logging is over. Does nothing under another log manager. */
    public static void closeHandlers() {
        if (LogManager.getLogManager() instanceof StopLastLogManager manager) {
            manager.closeNow();
        }
    }

    private void closeNow() {
        super.reset();
    }
}
