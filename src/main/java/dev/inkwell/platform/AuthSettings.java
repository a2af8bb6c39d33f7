package dev.inkwell.platform;

import java.time.Duration;
import java.util.List;

import dev.inkwell.platform.Settings.InvalidSettingsException;

import io.helidon.config.Config;

import static dev.inkwell.platform.ConfigValues.duration;
import static dev.inkwell.platform.ConfigValues.positive;

/** Signing in: the token secret and lifetimes, password hashing's bounds, the cookies' attributes. */
public record AuthSettings(String jwtSecret,
                           Duration accessTokenTtl,
                           Duration refreshTokenTtl,
                           int passwordHashConcurrency,
                           Duration passwordHashWait,
                           String cookieSecure,
                           String cookieSameSite) {

    /** The secret used when none is configured: fine on a laptop, refused in production. */
    public static final String DEVELOPMENT_JWT_SECRET = "inkwell-development-secret-do-not-use-in-production";

    /** From the {@code inkwell.auth} node; production refuses the development secret. */
    static AuthSettings from(Config auth, boolean production) {
        String secret = auth.get("jwt-secret").asString().orElse(DEVELOPMENT_JWT_SECRET);
        if (production && secret.equals(DEVELOPMENT_JWT_SECRET)) {
            throw new InvalidSettingsException("JWT_SECRET must be set when INKWELL_ENV=production");
        }
        if (secret.length() < 32) {
            throw new InvalidSettingsException("JWT_SECRET must be at least 32 characters long");
        }
        String sameSite = auth.get("cookie-same-site").asString().orElse("Lax");
        if (!List.of("Strict", "Lax", "None").contains(sameSite)) {
            throw new InvalidSettingsException("COOKIE_SAME_SITE must be Strict, Lax or None");
        }
        String cookieSecure = auth.get("cookie-secure").asString().orElse("auto");
        if (!List.of("auto", "true", "false").contains(cookieSecure)) {
            throw new InvalidSettingsException("COOKIE_SECURE must be auto, true or false");
        }
        return new AuthSettings(
                secret,
                duration(auth.get("access-token-ttl"), "ACCESS_TOKEN_TTL"),
                duration(auth.get("refresh-token-ttl"), "REFRESH_TOKEN_TTL"),
                positive(auth.get("password-hash-concurrency"), "PASSWORD_HASH_CONCURRENCY"),
                duration(auth.get("password-hash-wait"), "PASSWORD_HASH_WAIT"),
                cookieSecure,
                sameSite);
    }
}
