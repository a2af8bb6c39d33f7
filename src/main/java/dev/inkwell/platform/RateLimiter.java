package dev.inkwell.platform;

import java.time.Clock;
import java.util.List;

import redis.clients.jedis.Response;

/**
 * Fixed-window request limits kept in Redis, so they hold across instances. When Redis is
 * unavailable the limits fail open: the request goes through and a warning is logged.
 */
public final class RateLimiter {

    private static final int WINDOW_SECONDS = 60;
    /** An account's failed sign-ins from all addresses may reach this many times the per-address limit. */
    private static final int ACCOUNT_FAILURES_FACTOR = 10;

    private final Redis redis;
    private final Telemetry telemetry;
    private final Clock clock;
    private final int authPerMinute;
    private final int writesPerMinute;

    public RateLimiter(Redis redis, Telemetry telemetry, Clock clock, int authPerMinute, int writesPerMinute) {
        this.redis = redis;
        this.telemetry = telemetry;
        this.clock = clock;
        this.authPerMinute = authPerMinute;
        this.writesPerMinute = writesPerMinute;
    }

    /** Sign-in and registration attempts, counted per client address and per account. */
    public void checkSignIn(String action, String... subjects) {
        check(action, authPerMinute, subjects);
    }

    /**
     * Refuses (429) a sign-in to an account that has failed too often this minute: from this
     * address (the sign-in limit), or from all addresses together (ten times that). Only failures
     * count, and per address, so a stranger guessing from elsewhere cannot lock the owner out;
     * the per-address limit of {@link #checkSignIn} stops any one address from reaching the cap.
     */
    public void checkSignInFailures(String account, String address) {
        long epochSecond = clock.instant().getEpochSecond();
        long window = epochSecond / WINDOW_SECONDS;
        List<String> keys = signInFailureKeys(account, address, window);
        List<String> counts = redis.orElse("rate limits not enforced",
                                           jedis -> jedis.mget(keys.toArray(String[]::new)), List::of);
        int[] limits = {authPerMinute, authPerMinute * ACCOUNT_FAILURES_FACTOR};
        for (int i = 0; i < counts.size(); i++) {
            if (counts.get(i) != null && Long.parseLong(counts.get(i)) >= limits[i]) {
                telemetry.rateLimited("login-failures");
                long retryAfter = Math.max(1, (window + 1) * WINDOW_SECONDS - epochSecond);
                throw ApiException.tooManyRequests(retryAfter);
            }
        }
    }

    /** Counts a failed sign-in to an account from an address, for {@link #checkSignInFailures}. */
    public void signInFailed(String account, String address) {
        long window = clock.instant().getEpochSecond() / WINDOW_SECONDS;
        redis.orElse("rate limits not enforced", jedis -> {
            try (var pipeline = jedis.pipelined()) {
                for (String key : signInFailureKeys(account, address, window)) {
                    pipeline.incr(key);
                    pipeline.expire(key, WINDOW_SECONDS * 2L);
                }
                pipeline.sync();
            }
            return null;
        }, () -> null);
    }

    private static List<String> signInFailureKeys(String account, String address, long window) {
        return List.of("ratelimit:login-failures:account:" + account + ":ip:" + address + ":" + window,
                       "ratelimit:login-failures:account:" + account + ":" + window);
    }

    /** Writes of a signed-in user. */
    public void checkWrite(long userId) {
        check("writes", writesPerMinute, "user:" + userId);
    }

    /**
     * Counts one request against {@code limit} for each subject (such as an IP and an account)
     * and answers 429 with {@code Retry-After} when any of them is over.
     */
    private void check(String limit, int perMinute, String... subjects) {
        long epochSecond = clock.instant().getEpochSecond();
        long window = epochSecond / WINDOW_SECONDS;
        List<Long> counts = redis.orElse("rate limits not enforced", jedis -> {
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
                throw ApiException.tooManyRequests(retryAfter);
            }
        }
    }
}
