package dev.inkwell.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.inkwell.platform.Settings.InvalidSettingsException;

import io.helidon.config.Config;

import redis.clients.jedis.HostAndPort;

import static dev.inkwell.platform.ConfigValues.duration;
import static dev.inkwell.platform.ConfigValues.list;

/**
 * The main Redis (sessions, refresh tokens, rate limits): its URL, or the Sentinels that know its
 * master by {@code masterName}; the time-out, and the CA a TLS Redis must be signed by (null: the
 * Java runtime's own authorities).
 */
public record RedisSettings(String url,
                            Duration timeout,
                            Path caFile,
                            List<HostAndPort> sentinels,
                            String masterName) {

    /** From the {@code inkwell.redis} node. */
    static RedisSettings from(Config redis) {
        String url = redis.get("url").asString()
                .orElseThrow(() -> new InvalidSettingsException("REDIS_URL must be set"));
        List<HostAndPort> sentinels = sentinels(redis.get("sentinels"));
        return new RedisSettings(
                url,
                duration(redis.get("timeout"), "redis.timeout"),
                caFile(redis.get("ca-file"), url),
                sentinels,
                masterName(redis.get("master-name").asString().orElse("inkwell").strip(), "REDIS_MASTER_NAME"));
    }

    /** The CA certificate a TLS Redis must be signed by; none: the Java runtime's own authorities. */
    private static Path caFile(Config value, String redisUrl) {
        String file = value.asString().orElse("").strip();
        if (file.isEmpty()) {
            return null;
        }
        if (!redisUrl.startsWith("rediss://")) {
            throw new InvalidSettingsException("REDIS_CA_FILE needs a TLS REDIS_URL (rediss://...)");
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new InvalidSettingsException("REDIS_CA_FILE must name a readable PEM file, not '" + file + "'");
        }
        return path;
    }

    /**
     * REDIS_SENTINELS: {@code host:port} of each Sentinel, comma-separated ({@code [::1]:26379} for
     * IPv6); empty for one Redis at the address of REDIS_URL.
     */
    private static List<HostAndPort> sentinels(Config value) {
        List<HostAndPort> sentinels = new ArrayList<>();
        for (String address : list(value)) {
            int colon = address.lastIndexOf(':');
            String host = colon < 0 ? "" : address.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (host.isEmpty() || !host.matches("[A-Za-z0-9.:_-]+") || (host.contains(":") && !address.startsWith("["))
                    || port < 1 || port > 65535) {
                throw new InvalidSettingsException(
                        "REDIS_SENTINELS must list host:port pairs like db1:26379,db2:26379, not '" + address + "'");
            }
            sentinels.add(new HostAndPort(host, port));
        }
        return List.copyOf(sentinels);
    }

    /** The name under which the Sentinels know a master: the first word of their {@code sentinel monitor} line. */
    static String masterName(String name, String variable) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidSettingsException(
                    variable + " must be a Sentinel master name (letters, digits, '.', '_', '-'), not '" + name + "'");
        }
        return name;
    }
}
