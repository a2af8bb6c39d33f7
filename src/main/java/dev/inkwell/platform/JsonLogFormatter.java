package dev.inkwell.platform;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

import io.helidon.logging.common.HelidonMdc;

import jakarta.json.JsonObjectBuilder;

import static dev.inkwell.platform.JsonBodies.JSON;

/** One JSON object per line: time, level, logger, message, the request id when there is one, and any error. */
public final class JsonLogFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        JsonObjectBuilder line = JSON.createObjectBuilder()
                .add("time", record.getInstant().toString())
                .add("level", record.getLevel().getName())
                .add("logger", record.getLoggerName() == null ? "" : record.getLoggerName())
                .add("message", formatMessage(record));
        HelidonMdc.get(RequestLog.MDC_KEY).ifPresent(id -> line.add("requestId", id));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.add("error", trace.toString());
        }
        return line.build() + System.lineSeparator();
    }
}
