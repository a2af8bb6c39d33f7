package dev.inkwell.platform;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Writes log records to standard output as JSON lines (see {@link JsonLogFormatter}).
 * Records are formatted on the logging thread (which knows the request id) and written by one
 * background thread, so request threads never queue for the console. When the queue is full,
 * callers wait rather than lose lines.
 */
public final class StdoutLogHandler extends Handler {

    private static final int QUEUE_SIZE = 16_384;
    private static final String STOP = "";

    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(QUEUE_SIZE);
    private final Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 64 * 1024);
    private final Thread writer;

    public StdoutLogHandler() {
        setFormatter(new JsonLogFormatter());
        writer = Thread.ofPlatform().daemon().name("inkwell-log-writer").start(this::drain);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        try {
            lines.put(getFormatter().format(record));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void flush() {
        // The writer flushes whenever the queue runs dry.
    }

    @Override
    public void close() {
        try {
            lines.put(STOP);
            writer.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        List<String> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(lines.take());
                lines.drainTo(batch);
                for (String line : batch) {
                    if (line == STOP) {
                        out.flush();
                        return;
                    }
                    out.write(line);
                }
                batch.clear();
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            reportError("Cannot write log lines", e, ErrorManager.WRITE_FAILURE);
        }
    }
}
