package dev.inkwell.platform;

import java.time.Clock;
import java.util.List;

import redis.clients.jedis.Response;

/**
 * Fixed-window request limits kept in Redis, so they hold across instances. When Redis cannot be
 * reached the limits fail open: the request goes through and a warning is logged. When Redis is
 * reachable but refuses to count (full, read-only), they fail closed: the request answers 503.
 */
public final class RateLimiter {

    private static final int WINDOW_SECONDS = 60;
    /** An account's failed sign-ins from all addresses may reach this many times the sign-in limit. */
    private static final int ACCOUNT_FAILURES_FACTOR = 10;

    private final Redis redis;
    private final Telemetry telemetry;
    private final Clock clock;
    private final int authPerMinute;
    private final int writesPerMinute;
    private final int commentsPerMinute;

    public RateLimiter(Redis redis, Telemetry telemetry, Clock clock, int authPerMinute, int writesPerMinute,
                       int commentsPerMinute) {
        this.redis = redis;
        this.telemetry = telemetry;
        this.clock = clock;
        this.authPerMinute = authPerMinute;
        this.writesPerMinute = writesPerMinute;
        this.commentsPerMinute = commentsPerMinute;
    }

    /** Sign-in and registration attempts, counted per client address and per account. */
    public void checkSignIn(String action, String... subjects) {
        check(action, authPerMinute, subjects);
    }

    /**
     * Refuses (429) a sign-in to an account whose sign-ins failed too often this minute, counted
     * from all addresses together, at ten times the sign-in limit. Only failures count, so the
     * owner's own sign-ins never use it up, and since {@link #checkSignIn} holds every address to
     * the sign-in limit, a stranger guessing from one address cannot reach it: locking the owner
     * out takes many addresses, and lasts only while they keep failing.
     */
    public void checkSignInFailures(String account) {
        long epochSecond = clock.instant().getEpochSecond();
        long window = epochSecond / WINDOW_SECONDS;
        String failures = redis.orElseWhenUnreachable("rate limits not enforced",
                                       jedis -> jedis.get(signInFailuresKey(account, window)), () -> null);
        if (failures != null && Long.parseLong(failures) >= (long) authPerMinute * ACCOUNT_FAILURES_FACTOR) {
            telemetry.rateLimited("login-failures");
            long retryAfter = Math.max(1, (window + 1) * WINDOW_SECONDS - epochSecond);
            throw new DomainException.TooManyRequests(retryAfter);
        }
    }

    /** Counts a failed sign-in to an account, for {@link #checkSignInFailures}. */
    public void signInFailed(String account) {
        String key = signInFailuresKey(account, clock.instant().getEpochSecond() / WINDOW_SECONDS);
        redis.orElseWhenUnreachable("rate limits not enforced", jedis -> {
            try (var pipeline = jedis.pipelined()) {
                Response<Long> counted = pipeline.incr(key);
                Response<Long> expiring = pipeline.expire(key, WINDOW_SECONDS * 2L);
                pipeline.sync();
                Redis.requireAll(List.of(counted, expiring));
            }
            return null;
        }, () -> null);
    }

    private static String signInFailuresKey(String account, long window) {
        return "ratelimit:login-failures:account:" + account + ":" + window;
    }

    /** Writes of a signed-in user. */
    public void checkWrite(long userId) {
        check("writes", writesPerMinute, "user:" + userId);
    }

    /** Comments of a signed-in user, counted on top of their writes. */
    public void checkComment(long userId) {
        check("comments", commentsPerMinute, "user:" + userId);
    }

    /**
     * Counts one request against {@code limit} for each subject (such as an IP and an account)
     * and answers 429 with {@code Retry-After} when any of them is over.
     */
    private void check(String limit, int perMinute, String... subjects) {
        long epochSecond = clock.instant().getEpochSecond();
        long window = epochSecond / WINDOW_SECONDS;
        List<Long> counts = redis.orElseWhenUnreachable("rate limits not enforced", jedis -> {
            try (var pipeline = jedis.pipelined()) {
                List<Response<Long>> responses = new java.util.ArrayList<>();
                for (String subject : subjects) {
                    String key = "ratelimit:" + limit + ":" + subject + ":" + window;
                    responses.add(pipeline.incr(key));
                    pipeline.expire(key, WINDOW_SECONDS * 2L);
                }
                pipeline.sync();
                return responses.stream().map(Response::get).toList();
            }
        }, List::of);
        for (Long count : counts) {
            if (count > perMinute) {
                telemetry.rateLimited(limit);
                long retryAfter = Math.max(1, (window + 1) * WINDOW_SECONDS - epochSecond);
                throw new DomainException.TooManyRequests(retryAfter);
            }
        }
    }
}
