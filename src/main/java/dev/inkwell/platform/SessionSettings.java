package dev.inkwell.platform;

import java.time.Duration;

import io.helidon.config.Config;

import static dev.inkwell.platform.ConfigValues.duration;

/** Browser sessions: how long one lasts unused, and at most. */
public record SessionSettings(Duration idleTimeout, Duration maxAge) {

    /** From the {@code inkwell.sessions} node. */
    static SessionSettings from(Config sessions) {
        return new SessionSettings(duration(sessions.get("idle-timeout"), "SESSION_IDLE_TIMEOUT"),
                                   duration(sessions.get("max-age"), "SESSION_MAX_AGE"));
    }
}
