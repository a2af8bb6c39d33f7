package dev.inkwell.platform;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import dev.inkwell.platform.Settings.InvalidSettingsException;

import io.helidon.config.Config;

/** Reads one configuration value of a kind, or fails naming the variable to fix. */
final class ConfigValues {

    private ConfigValues() {
    }

    /** A TCP port; 0 asks the system for a free one. */
    static int port(Config value, String name) {
        int port;
        try {
            port = value.asInt().orElse(-1);
        } catch (RuntimeException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new InvalidSettingsException(name + " must be a TCP port (0-65535)");
        }
        return port;
    }

    static boolean bool(Config value, String name) {
        String text = value.asString().orElse("true");
        if (!text.equals("true") && !text.equals("false")) {
            throw new InvalidSettingsException(name + " must be true or false");
        }
        return Boolean.parseBoolean(text);
    }

    static List<String> list(Config value) {
        return Arrays.stream(value.asString().orElse("").split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static int positive(Config value, String name) {
        return atLeast(1, value, name);
    }

    static int atLeast(int least, Config value, String name) {
        String requirement = name + (least == 1 ? " must be a positive number" : " must be a number of at least " + least);
        try {
            int number = value.asInt().get();
            if (number < least) {
                throw new InvalidSettingsException(requirement);
            }
            return number;
        } catch (RuntimeException e) {
            if (e instanceof InvalidSettingsException invalid) {
                throw invalid;
            }
            throw new InvalidSettingsException(requirement);
        }
    }

    /** A duration of at least a millisecond (PostgreSQL reads 0 as "no limit"). */
    static Duration positiveDuration(Config value, String name) {
        Duration duration = duration(value, name);
        if (duration.toMillis() < 1) {
            throw new InvalidSettingsException(name + " must be at least a millisecond, such as PT5S");
        }
        return duration;
    }

    static Duration nonNegativeDuration(Config value, String name) {
        Duration duration = duration(value, name);
        if (duration.isNegative()) {
            throw new InvalidSettingsException(name + " must not be negative, such as PT5M (PT0S for none)");
        }
        return duration;
    }

    static Duration duration(Config value, String name) {
        try {
            return Duration.parse(value.asString().get());
        } catch (RuntimeException e) {
            throw new InvalidSettingsException(name + " must be an ISO-8601 duration such as PT15M");
        }
    }
}
