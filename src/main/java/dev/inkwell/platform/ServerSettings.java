package dev.inkwell.platform;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.inkwell.platform.Settings.InvalidSettingsException;

import io.helidon.config.Config;

import static dev.inkwell.platform.ConfigValues.atLeast;
import static dev.inkwell.platform.ConfigValues.duration;
import static dev.inkwell.platform.ConfigValues.list;

/**
 * Where and how the instance listens: the public and admin addresses, how it stops, whose
 * forwarded headers it believes, which other origins may call it, how it warms up; {@code config}
 * is Helidon's own {@code server} node (limits, time-outs).
 */
public record ServerSettings(String host,
                             int port,
                             String adminHost,
                             int adminPort,
                             Duration drainDelay,
                             Duration shutdownTimeout,
                             List<String> trustedProxies,
                             Set<String> corsOrigins,
                             int warmUpRequests,
                             Config config) {

    /** From the {@code server} node and the {@code inkwell} one. */
    static ServerSettings from(Config server, Config inkwell) {
        return new ServerSettings(
                server.get("host").asString().orElse("0.0.0.0"),
                ConfigValues.port(server.get("port"), "PORT"),
                inkwell.get("admin-host").asString().orElse("127.0.0.1"),
                ConfigValues.port(inkwell.get("admin-port"), "ADMIN_PORT"),
                duration(inkwell.get("drain-delay"), "DRAIN_DELAY"),
                duration(inkwell.get("shutdown-timeout"), "SHUTDOWN_TIMEOUT"),
                list(inkwell.get("trusted-proxies")),
                corsOrigins(inkwell.get("cors-origins")),
                atLeast(0, inkwell.get("warm-up-requests"), "WARM_UP_REQUESTS"),
                server);
    }

    /** Exact origins such as https://app.example.com; a wildcard would hand cookies to any site. */
    private static Set<String> corsOrigins(Config value) {
        List<String> origins = list(value);
        for (String origin : origins) {
            if (!origin.matches("https?://[^/*\\s]+")) {
                throw new InvalidSettingsException(
                        "CORS_ORIGINS must list exact origins like https://app.example.com, not '" + origin + "'");
            }
        }
        return Set.copyOf(origins);
    }
}
