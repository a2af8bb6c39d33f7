package dev.inkwell.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.inkwell.platform.Redis;

import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Server-side sessions in Redis, shared by every instance. The cookie holds only an opaque id of
 * 256 random bits. Sessions end after an idle time and, at the latest, an absolute lifetime; the id
 * changes at sign-in, so an id planted before sign-in is worthless after it.
 */
public final class Sessions {

    private static final String SECURE_COOKIE = "__Host-inkwell_session";
    private static final String PLAIN_COOKIE = "inkwell_session";

    private final Redis redis;
    private final Clock clock;
    private final long idleSeconds;
    private final long absoluteSeconds;
    /** COOKIE_SECURE: "auto" (Secure when the request came over TLS), "true" or "false". */
    private final String secure;
    private final SecureRandom random = new SecureRandom();

    public Sessions(Redis redis, Clock clock, Duration idleTimeout, Duration absoluteTimeout, String secure) {
        this.redis = redis;
        this.clock = clock;
        this.idleSeconds = idleTimeout.toSeconds();
        this.absoluteSeconds = absoluteTimeout.toSeconds();
        this.secure = secure;
    }

    /** The request's live session, if it has one; extends its idle time. Redis failures propagate. */
    public Optional<Session> find(ServerRequest req) {
        Optional<String> id = req.headers().cookies().first(cookieName(req)).filter(v -> v.length() == 43);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> fields = redis.call(jedis -> jedis.hgetAll(key(id.get())));
        if (!fields.containsKey("created") || !fields.containsKey("user") || !fields.containsKey("csrf")) {
            // Gone, or only a flash message written as the session expired: not a session.
            return Optional.empty();
        }
        long created = Long.parseLong(fields.get("created"));
        long now = clock.instant().getEpochSecond();
        if (now - created >= absoluteSeconds) {
            destroy(id.get());
            return Optional.empty();
        }
        redis.call(jedis -> jedis.expire(key(id.get()), remaining(created, now)));
        return Optional.of(new Session(id.get(), Long.parseLong(fields.get("user")), fields.get("csrf"), created,
                                       fields.get("flash")));
    }

    /** Whether sessions could be started now: for visitors who have none yet. */
    public boolean reachable() {
        return redis.isReachable();
    }

    /** A new session (anonymous when userId is 0) under a new id, with its cookie set. */
    public Session create(ServerRequest req, ServerResponse res, long userId) {
        String id = randomToken();
        long now = clock.instant().getEpochSecond();
        Session session = new Session(id, userId, randomToken(), now, null);
        redis.call(jedis -> {
            try (var pipeline = jedis.pipelined()) {
                List<Response<Long>> writes = new ArrayList<>();
                writes.add(pipeline.hset(key(id), Map.of("user", Long.toString(userId), "csrf", session.csrfToken(),
                                                         "created", Long.toString(now))));
                writes.add(pipeline.expire(key(id), idleSeconds));
                if (userId > 0) {
                    writes.add(pipeline.sadd(userKey(userId), id));
                    writes.add(pipeline.expire(userKey(userId), absoluteSeconds));
                }
                pipeline.sync();
                Redis.requireAll(writes);
            }
            return null;
        });
        res.headers().addCookie(cookie(req, id).maxAge(Duration.ofSeconds(absoluteSeconds)).build());
        return session;
    }

    /** Signs a user in: the old session (if any) ends and a new one, with a new id, begins. */
    public Session signIn(ServerRequest req, ServerResponse res, Optional<Session> current, long userId) {
        current.ifPresent(session -> destroy(session.id()));
        return create(req, res, userId);
    }

    public void signOut(ServerRequest req, ServerResponse res, Session session) {
        destroy(session.id());
        res.headers().addCookie(cookie(req, "").expires(java.time.Instant.EPOCH).build());
    }

    /** Ends every session of the user (their password or e-mail address changed through the API). */
    public void endAllSessions(long userId) {
        endOtherSessions(userId, null);
    }

    /** Ends every session of the user but the one given (their password or e-mail address changed on it). */
    public void endOtherSessions(long userId, String keepId) {
        redis.call(jedis -> {
            for (String id : jedis.smembers(userKey(userId))) {
                if (!id.equals(keepId)) {
                    jedis.del(key(id));
                    jedis.srem(userKey(userId), id);
                }
            }
            return null;
        });
    }

    /** Keeps a message for the next page this session shows. */
    public void flash(Session session, String message) {
        redis.call(jedis -> {
            try (var pipeline = jedis.pipelined()) {
                Response<Long> stored = pipeline.hset(key(session.id()), "flash", message);
                // Should the session have expired meanwhile, the lone message must expire too.
                Response<Long> expiring = pipeline.expire(key(session.id()), idleSeconds);
                pipeline.sync();
                Redis.requireAll(List.of(stored, expiring));
            }
            return null;
        });
    }

    /** The pending message, removed so it shows once. */
    public String takeFlash(Session session) {
        if (session.flash() == null) {
            return null;
        }
        redis.orElse("flash message kept", (UnifiedJedis jedis) -> jedis.hdel(key(session.id()), "flash"), () -> 0L);
        return session.flash();
    }

    private void destroy(String id) {
        redis.call(jedis -> {
            String user = jedis.hget(key(id), "user");
            jedis.del(key(id));
            if (user != null && !user.equals("0")) {
                jedis.srem(userKey(Long.parseLong(user)), id);
            }
            return null;
        });
    }

    private long remaining(long created, long now) {
        return Math.max(1, Math.min(idleSeconds, absoluteSeconds - (now - created)));
    }

    /**
     * Over TLS the cookie is Secure and __Host- prefixed (host-only, path /); browsers refuse both
     * on plain HTTP, which is for local use. Behind a proxy that ends TLS, COOKIE_SECURE=true.
     */
    private SetCookie.Builder cookie(ServerRequest req, String value) {
        return SetCookie.builder(cookieName(req), value)
                .path("/")
                .httpOnly(true)
                .secure(isSecure(req))
                .sameSite(SetCookie.SameSite.LAX);
    }

    private String cookieName(ServerRequest req) {
        return isSecure(req) ? SECURE_COOKIE : PLAIN_COOKIE;
    }

    /** Whether the site's cookies are Secure for this request (COOKIE_SECURE). */
    boolean isSecure(ServerRequest req) {
        return switch (secure) {
            case "true" -> true;
            case "false" -> false;
            default -> req.isSecure() || "https".equals(req.requestedUri().scheme());
        };
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String key(String id) {
        return "session:" + id;
    }

    private static String userKey(long userId) {
        return "user-sessions:" + userId;
    }
}
