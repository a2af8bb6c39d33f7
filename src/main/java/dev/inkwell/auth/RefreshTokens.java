package dev.inkwell.auth;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import dev.inkwell.platform.ApiException;
import dev.inkwell.platform.Redis;

import redis.clients.jedis.params.SetParams;

/**
 * One-time refresh tokens kept in Redis (only their SHA-256 hashes are stored). Tokens issued from
 * one sign-in form a family; using a token replaces it with a new one, and presenting an already
 * used token revokes the whole family, since that means it was stolen or replayed.
 */
public final class RefreshTokens {

    private static final System.Logger LOG = System.getLogger(RefreshTokens.class.getName());

    private final Redis redis;
    private final long ttlSeconds;
    private final SecureRandom random = new SecureRandom();

    public RefreshTokens(Redis redis, Duration ttl) {
        this.redis = redis;
        this.ttlSeconds = ttl.toSeconds();
    }

    /** A refresh token and the user it belongs to. */
    public record Rotation(long userId, String token) {
    }

    /** Starts a new family for a sign-in and returns its first token. */
    public String issue(long userId) {
        String family = randomToken();
        redis.call(jedis -> jedis.set(familyKey(family), Long.toString(userId), SetParams.setParams().ex(ttlSeconds)));
        return issueInFamily(userId, family);
    }

    /** Uses up a token and returns its successor, or answers 401. */
    public Rotation rotate(String token) {
        String hash = hash(token);
        String stored = redis.call(jedis -> jedis.getDel(tokenKey(hash)));
        if (stored == null) {
            String family = redis.call(jedis -> jedis.get(usedKey(hash)));
            if (family != null) {
                redis.call(jedis -> jedis.del(familyKey(family)));
                LOG.log(Level.WARNING, "A used refresh token was presented again; its family is revoked");
                throw ApiException.unauthorized("refresh token was already used; sign in again");
            }
            throw ApiException.unauthorized("refresh token is invalid or expired");
        }
        String[] parts = stored.split(":", 2);
        long userId = Long.parseLong(parts[0]);
        String family = parts[1];
        redis.call(jedis -> jedis.set(usedKey(hash), family, SetParams.setParams().ex(ttlSeconds)));
        if (redis.call(jedis -> jedis.expire(familyKey(family), ttlSeconds)) == 0) {
            throw ApiException.unauthorized("refresh token was revoked; sign in again");
        }
        return new Rotation(userId, issueInFamily(userId, family));
    }

    /** Revokes the family of a token (sign-out). Unknown tokens are ignored. */
    public void revoke(String token) {
        String hash = hash(token);
        String stored = redis.call(jedis -> jedis.getDel(tokenKey(hash)));
        if (stored != null) {
            String family = stored.split(":", 2)[1];
            redis.call(jedis -> jedis.del(familyKey(family)));
        }
    }

    private String issueInFamily(long userId, String family) {
        String token = randomToken();
        redis.call(jedis -> jedis.set(tokenKey(hash(token)), userId + ":" + family,
                                      SetParams.setParams().ex(ttlSeconds)));
        return token;
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tokenKey(String hash) {
        return "refresh:token:" + hash;
    }

    private static String usedKey(String hash) {
        return "refresh:used:" + hash;
    }

    private static String familyKey(String family) {
        return "refresh:family:" + hash(family);
    }
}
