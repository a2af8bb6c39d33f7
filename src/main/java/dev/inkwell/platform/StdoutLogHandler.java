package dev.inkwell.platform;

import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/** Writes every log record to standard output as one JSON line (see {@link JsonLogFormatter}). */
public final class StdoutLogHandler extends StreamHandler {

    public StdoutLogHandler() {
        super(System.out, new JsonLogFormatter());
    }

    @Override
    public synchronized void publish(LogRecord record) {
        super.publish(record);
        flush();
    }
}
