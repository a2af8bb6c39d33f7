package dev.inkwell.auth;

import java.lang.System.Logger.Level;
import java.time.Instant;

import redis.clients.jedis.exceptions.JedisException;

/** Issues the token pair of a sign-in, turns refresh tokens into new pairs and ends sign-ins. */
public final class SignIns {

    private static final System.Logger LOG = System.getLogger(SignIns.class.getName());

    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;

    public SignIns(AccessTokens accessTokens, RefreshTokens refreshTokens) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
    }

    /** An access token and, if any, a refresh token for a user, with the end of the refresh token's sign-in. */
    public record Tokens(long userId, String accessToken, String refreshToken, Instant refreshExpiresAt) {
    }

    /**
     * Tokens for a new sign-in. Without Redis the sign-in still succeeds, with an access token
     * only: the client signs in again when it expires.
     */
    public Tokens signIn(long userId) {
        RefreshTokens.Rotation refresh = null;
        try {
            refresh = refreshTokens.issue(userId);
        } catch (JedisException e) {
            LOG.log(Level.WARNING, "Redis unavailable, signing in without a refresh token: " + e.getMessage());
        }
        return new Tokens(userId, accessTokens.issue(userId), refresh == null ? null : refresh.token(),
                          refresh == null ? null : refresh.expiresAt());
    }

    public String accessToken(long userId) {
        return accessTokens.issue(userId);
    }

    /** Rotates a refresh token; answers 401 when it is invalid, expired, used or revoked. */
    public Tokens refresh(String refreshToken) {
        RefreshTokens.Rotation rotation = refreshTokens.rotate(refreshToken);
        return new Tokens(rotation.userId(), accessTokens.issue(rotation.userId()), rotation.token(),
                          rotation.expiresAt());
    }

    public void signOut(String refreshToken) {
        refreshTokens.revoke(refreshToken);
    }

    /** Fails (503) unless sign-ins can be ended right now; checked before credentials change. */
    public void requireRevocable() {
        refreshTokens.requireAvailable();
    }

    /** Ends every sign-in of the user on the API: all their refresh tokens stop working. */
    public void revokeAll(long userId) {
        long families = refreshTokens.revokeAll(userId);
        LOG.log(Level.INFO, "Revoked " + families + " refresh-token families of user " + userId);
    }
}
