package dev.inkwell.auth;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import dev.inkwell.platform.ApiException;
import dev.inkwell.platform.Redis;

import redis.clients.jedis.UnifiedJedis;

/**
 * One-time refresh tokens kept in Redis (only their SHA-256 hashes are stored). The tokens of one
 * sign-in form a family whose expiry is fixed at sign-in: rotating a token replaces it with a new
 * one but never extends the family. Presenting an already used token revokes the whole family,
 * since that means it was stolen or replayed, except within a short grace window, in which the
 * same successor is handed out again: a client whose parallel requests all refresh at once must
 * not sign itself out. Each user's families are indexed, so that all of them can be revoked.
 *
 * <p>Every change is one Lua script, so two refreshes of the same token cannot interleave. The
 * scripts derive some key names from stored values, which a single Redis (not a cluster) allows.
 */
public final class RefreshTokens {

    private static final System.Logger LOG = System.getLogger(RefreshTokens.class.getName());

    /** How long a just-used token still yields its successor (parallel refreshes of one client). */
    static final Duration GRACE = Duration.ofSeconds(10);

    private static final String PREFIX = "auth:refresh:";

    private static final String ISSUE = """
            local family, token, index = KEYS[1], KEYS[2], KEYS[3]
            local user, id, expires, ttl = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
            for _, other in ipairs(redis.call('SMEMBERS', index)) do
              if redis.call('EXISTS', '%1$sfamily:' .. other) == 0 then
                redis.call('SREM', index, other)
              end
            end
            redis.call('HSET', family, 'user', user, 'expires', expires)
            redis.call('EXPIRE', family, ttl)
            redis.call('SET', token, user .. ':' .. id, 'EX', ttl)
            redis.call('SADD', index, id)
            if redis.call('TTL', index) < ttl then
              redis.call('EXPIRE', index, ttl)
            end
            return 1
            """.formatted(PREFIX);

    /**
     * Answers {rotated, user, expires}, {again, user, expires, sealed successor}, {reused},
     * {revoked} or {unknown}.
     */
    private static final String ROTATE = """
            local token, used = KEYS[1], KEYS[2]
            local now, grace, successor, sealed = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], ARGV[4]
            local stored = redis.call('GET', token)
            if stored then
              redis.call('DEL', token)
              local colon = string.find(stored, ':', 1, true)
              local user, id = string.sub(stored, 1, colon - 1), string.sub(stored, colon + 1)
              local expires = tonumber(redis.call('HGET', '%1$sfamily:' .. id, 'expires'))
              if not expires or expires <= now then
                return {'revoked'}
              end
              local ttl = expires - now
              redis.call('SET', '%1$stoken:' .. successor, stored, 'EX', ttl)
              redis.call('HSET', used, 'family', id, 'user', user, 'successor', sealed, 'until', tostring(now + grace))
              redis.call('EXPIRE', used, ttl)
              return {'rotated', user, tostring(expires)}
            end
            local marker = redis.call('HMGET', used, 'family', 'user', 'successor', 'until')
            if not marker[1] then
              return {'unknown'}
            end
            local family = '%1$sfamily:' .. marker[1]
            local expires = tonumber(redis.call('HGET', family, 'expires'))
            if not expires or expires <= now then
              return {'revoked'}
            end
            if now < tonumber(marker[4]) then
              return {'again', marker[2], tostring(expires), marker[3]}
            end
            redis.call('DEL', family)
            redis.call('SREM', '%1$sfamilies:' .. marker[2], marker[1])
            return {'reused'}
            """.formatted(PREFIX);

    /** Revokes the family of a live or an already used token. */
    private static final String REVOKE = """
            local token, used = KEYS[1], KEYS[2]
            local id, user
            local stored = redis.call('GET', token)
            if stored then
              redis.call('DEL', token)
              local colon = string.find(stored, ':', 1, true)
              user, id = string.sub(stored, 1, colon - 1), string.sub(stored, colon + 1)
            else
              local marker = redis.call('HMGET', used, 'family', 'user')
              id, user = marker[1], marker[2]
            end
            if not id then
              return 0
            end
            redis.call('DEL', '%1$sfamily:' .. id)
            redis.call('SREM', '%1$sfamilies:' .. user, id)
            return 1
            """.formatted(PREFIX);

    private static final String REVOKE_ALL = """
            local index = KEYS[1]
            local families = redis.call('SMEMBERS', index)
            for _, id in ipairs(families) do
              redis.call('DEL', '%1$sfamily:' .. id)
            end
            redis.call('DEL', index)
            return #families
            """.formatted(PREFIX);

    private final Redis redis;
    private final Clock clock;
    private final long lifetimeSeconds;
    private final SecureRandom random = new SecureRandom();

    /** {@code lifetime}: how long a sign-in's tokens keep working, counted from the sign-in. */
    public RefreshTokens(Redis redis, Clock clock, Duration lifetime) {
        this.redis = redis;
        this.clock = clock;
        this.lifetimeSeconds = lifetime.toSeconds();
    }

    /** A refresh token, the user it belongs to and when its family (the sign-in) ends. */
    public record Rotation(long userId, String token, Instant expiresAt) {
    }

    /** Starts a new family for a sign-in and returns its first token. */
    public Rotation issue(long userId) {
        String family = randomToken();
        String token = randomToken();
        Instant expires = Instant.ofEpochSecond(now() + lifetimeSeconds);
        redis.call(jedis -> jedis.eval(ISSUE,
                                       List.of(familyKey(family), tokenKey(hash(token)), indexKey(userId)),
                                       List.of(Long.toString(userId), family,
                                               Long.toString(expires.getEpochSecond()),
                                               Long.toString(lifetimeSeconds))));
        return new Rotation(userId, token, expires);
    }

    /** Uses up a token and returns its successor, or answers 401. */
    public Rotation rotate(String token) {
        String hash = hash(token);
        byte[] successor = randomBytes();
        String successorToken = encode(successor);
        List<?> answer = (List<?>) redis.call(jedis -> jedis.eval(
                ROTATE, List.of(tokenKey(hash), usedKey(hash)),
                List.of(Long.toString(now()), Long.toString(GRACE.toSeconds()), hash(successorToken),
                        encode(seal(token, successor)))));
        return switch ((String) answer.get(0)) {
            case "rotated" -> new Rotation(Long.parseLong((String) answer.get(1)), successorToken,
                                           Instant.ofEpochSecond(Long.parseLong((String) answer.get(2))));
            case "again" -> new Rotation(Long.parseLong((String) answer.get(1)),
                                         encode(seal(token, Base64.getUrlDecoder().decode((String) answer.get(3)))),
                                         Instant.ofEpochSecond(Long.parseLong((String) answer.get(2))));
            case "reused" -> {
                LOG.log(Level.WARNING, "A used refresh token was presented again; its family is revoked");
                throw ApiException.unauthorized("refresh token was already used; sign in again");
            }
            case "revoked" -> throw ApiException.unauthorized("refresh token was revoked or has expired; sign in again");
            default -> throw ApiException.unauthorized("refresh token is invalid or expired");
        };
    }

    /** Revokes the family of a token, used or not (sign-out). Unknown tokens are ignored. */
    public void revoke(String token) {
        String hash = hash(token);
        redis.call(jedis -> jedis.eval(REVOKE, List.of(tokenKey(hash), usedKey(hash)), List.of()));
    }

    /** Revokes every family of a user (their credentials changed); answers how many there were. */
    public long revokeAll(long userId) {
        return (Long) redis.call(jedis -> jedis.eval(REVOKE_ALL, List.of(indexKey(userId)), List.of()));
    }

    /** Fails (503) when the store cannot be reached, before a change that must end sign-ins is made. */
    public void requireAvailable() {
        redis.call(UnifiedJedis::ping);
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    /**
     * The successor, kept for the grace window, is stored encrypted with a one-time pad derived
     * from the token it replaces: only whoever holds that token can read it. Sealing twice opens.
     */
    private static byte[] seal(String presented, byte[] successor) {
        byte[] pad = sha256("inkwell refresh successor\0" + presented);
        byte[] sealed = new byte[successor.length];
        for (int i = 0; i < sealed.length; i++) {
            sealed[i] = (byte) (successor[i] ^ pad[i % pad.length]);
        }
        return sealed;
    }

    private String randomToken() {
        return encode(randomBytes());
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String token) {
        return HexFormat.of().formatHex(sha256(token));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tokenKey(String hash) {
        return PREFIX + "token:" + hash;
    }

    private static String usedKey(String hash) {
        return PREFIX + "used:" + hash;
    }

    private static String familyKey(String family) {
        return PREFIX + "family:" + family;
    }

    private static String indexKey(long userId) {
        return PREFIX + "families:" + userId;
    }
}
