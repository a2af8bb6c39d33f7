package dev.inkwell.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.FormClient;
import dev.inkwell.testing.RedisSentinels;
import dev.inkwell.testing.TestApp;

import io.helidon.http.Status;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientType;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.ClientKillParams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis through Sentinel: real redis-server processes under a running app, through a planned
 * switchover and the master's death. The first test has production's shape (a master, two replicas,
 * three Sentinels): a failover is announced only once the other replica follows the new master too.
 */
class RedisFailoverTest {

    private static final System.Logger LOG = System.getLogger(RedisFailoverTest.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void aSwitchoverFailsNoRequestAndAfterTheMastersDeathSignInsAreBackWithinSeconds() throws Exception {
        try (RedisSentinels redis = RedisSentinels.start("failover", 2);
             TestApp app = TestApp.start(Map.of("REDIS_URL", redis.urlWithUnusedAddress(),
                                                "REDIS_SENTINELS", redis.sentinelsSetting(),
                                                "REDIS_MASTER_NAME", RedisSentinels.MASTER_NAME))) {
            Api api = app.api();
            Api.User user = api.register("failover");
            String slug = api.publish(user, "Written before the failovers");
            FormClient browser = new FormClient("http://127.0.0.1:" + app.port());
            assertEquals(Status.SEE_OTHER_303.code(), browser.signIn(user).statusCode());
            assertEquals(Status.OK_200.code(), browser.get("/settings").statusCode(), "signed in");

            // Planned: the session, refresh tokens, rate-limited writes and cached reads go on throughout.
            int first = redis.masterPort();
            redis.awaitPatternListeners(Duration.ofSeconds(10));
            long switchedOver = System.nanoTime();
            redis.failover();
            List<String> failures = new ArrayList<>();
            String refreshToken = user.refreshToken();
            int requests = 0;
            long announcedAt = 0;
            long demotedAt = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // Until the old master has become a replica (it then refuses writes: an app still writing
            // to it fails), and two seconds more.
            while (demotedAt == 0 || System.nanoTime() - demotedAt < TimeUnit.SECONDS.toNanos(2)) {
                assertTrue(System.nanoTime() < deadline, "the old master was not turned into a replica");
                expect(failures, "GET /settings", browser.get("/settings").statusCode(), Status.OK_200.code());
                Api.Response refreshed = api.post("/api/auth/refresh",
                                                  "{\"refreshToken\":\"" + refreshToken + "\"}", null);
                // Which 401 it is (an unknown, a reused or a revoked token) tells what was lost.
                String refresh = "POST /api/auth/refresh" + (refreshed.status() == Status.OK_200.code() ? "" : " " + refreshed.body());
                if (expect(failures, refresh, refreshed.status(), Status.OK_200.code())) {
                    refreshToken = refreshed.json().getJsonObject("user").getString("refreshToken");
                }
                expect(failures, "GET /api/articles", api.get("/api/articles").status(), Status.OK_200.code());
                expect(failures, "POST /api/articles", api.post("/api/articles",
                        "{\"article\":{\"title\":\"During the switchover " + requests + "\",\"description\":\"d\","
                        + "\"body\":\"b\"}}", user.token()).status(), Status.CREATED_201.code());
                requests += 4;
                if (announcedAt == 0 && redis.masterPort() != first) {
                    announcedAt = System.nanoTime();
                }
                if (demotedAt == 0 && isReplica(redis, first)) {
                    demotedAt = System.nanoTime();
                }
            }
            assertNotEquals(first, redis.masterPort());
            assertTrue(failures.isEmpty(), failures.size() + " of " + requests + " requests failed during the switchover"
                       + " (a Sentinel named the new master after " + TimeUnit.NANOSECONDS.toMillis(announcedAt - switchedOver)
                       + " ms): " + tally(failures));
            LOG.log(System.Logger.Level.INFO, "Switchover: {0} requests, none failed; a Sentinel named the new master after"
                    + " {1} ms, the old master was a replica after {2} ms", requests,
                    TimeUnit.NANOSECONDS.toMillis(announcedAt - switchedOver), TimeUnit.NANOSECONDS.toMillis(demotedAt - switchedOver));

            // Unplanned: once the old master replicates from the new one, the new one dies.
            redis.awaitSteady(Duration.ofSeconds(30));
            int second = redis.masterPort();
            redis.kill(second);
            long killed = System.nanoTime();
            long sessionBack = 0;
            long signInBack = 0;
            AnonymousReads reads = new AnonymousReads(app, slug);
            try (ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor()) {
                reader.submit(reads);
                while (sessionBack == 0 || signInBack == 0) {
                    assertTrue(System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(15), "sign-ins and sessions are"
                               + " not back after 15 s: session " + (sessionBack > 0) + ", sign-in " + (signInBack > 0));
                    if (sessionBack == 0 && browser.get("/settings").statusCode() == Status.OK_200.code()) {
                        sessionBack = System.nanoTime() - killed;
                    }
                    FormClient returning = new FormClient("http://127.0.0.1:" + app.port());
                    if (signInBack == 0 && signsIn(returning, user) && returning.get("/settings").statusCode() == Status.OK_200.code()) {
                        signInBack = System.nanoTime() - killed;
                    }
                    Thread.sleep(50);
                }
                Thread.sleep(1000);
                reads.stop();
            }
            assertTrue(Math.max(sessionBack, signInBack) <= TimeUnit.SECONDS.toNanos(15), "sign-ins and sessions back"
                       + " only after " + TimeUnit.NANOSECONDS.toMillis(Math.max(sessionBack, signInBack)) + " ms");
            assertTrue(reads.count() > 10, "anonymous reads went on: " + reads.count());
            assertTrue(reads.failures().isEmpty(), reads.failures().size() + " of " + reads.count() + " anonymous reads"
                       + " failed while the master was down: "
                       + reads.failures().subList(0, Math.min(10, reads.failures().size())));
            LOG.log(System.Logger.Level.INFO, "Master killed: the session worked again after {0} ms, signing in after"
                    + " {1} ms; {2} anonymous reads meanwhile, none failed", TimeUnit.NANOSECONDS.toMillis(sessionBack),
                    TimeUnit.NANOSECONDS.toMillis(signInBack), reads.count());
            assertTrue(redis.runningServers().contains(redis.masterPort()), "a running server took over");
            Api.Response refreshed = api.post("/api/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}", null);
            assertEquals(Status.OK_200.code(), refreshed.status(), "the API sign-in survived both failovers: " + refreshed.body());
        }
    }

    @Test
    void commandsThatMeetAFailoverAreRetriedForAFewSecondsAtMost() {
        try (RedisSentinels servers = RedisSentinels.start("retry");
             Redis redis = new Redis(servers.urlWithUnusedAddress(), sentinels(servers), RedisSentinels.MASTER_NAME,
                                     TIMEOUT, null, nanos -> { });
             Redis direct = new Redis(servers.directUrl(servers.masterPort()), TIMEOUT)) {
            redis.call(jedis -> jedis.set("written", "before"));
            direct.call(jedis -> jedis.get("written"));
            // The master closes every connection, as it does when Sentinel turns it into a replica.
            try (Jedis master = servers.server(servers.masterPort())) {
                master.clientKill(ClientKillParams.clientKillParams().type(ClientType.NORMAL));
            }
            assertThrows(JedisConnectionException.class, () -> direct.call(jedis -> jedis.get("written")),
                         "without Sentinels nothing is retried: the pooled connection was closed");
            assertEquals("before", redis.call(jedis -> jedis.get("written")));

            AtomicInteger attempts = new AtomicInteger();
            assertEquals("after", redis.call(jedis -> {
                if (attempts.incrementAndGet() < 3) {
                    throw new JedisDataException("READONLY You can't write against a read only replica.");
                }
                return "after";
            }));
            assertEquals(3, attempts.get(), "an old master's READONLY is tried again");

            attempts.set(0);
            assertThrows(JedisDataException.class, () -> redis.call(jedis -> {
                attempts.incrementAndGet();
                throw new JedisDataException("OOM command not allowed when used memory > 'maxmemory'.");
            }));
            assertEquals(1, attempts.get(), "a refusal that is no failover is not tried again");

            long start = System.nanoTime();
            assertThrows(JedisDataException.class, () -> redis.call(jedis -> {
                throw new JedisDataException("READONLY You can't write against a read only replica.");
            }));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 1500 && millis <= Redis.FAILOVER_RETRY_WINDOW.toMillis() + 500,
                       "a master that stays read-only fails the call after the retry window, not " + millis + " ms");
        }
    }

    @Test
    void afterAFailedCallOneCallAtATimeTriesAndTheFirstSuccessEndsTheFailFast() {
        try (RedisSentinels servers = RedisSentinels.start("fail-fast");
             Redis redis = new Redis(servers.urlWithUnusedAddress(), sentinels(servers), RedisSentinels.MASTER_NAME,
                                     TIMEOUT, null, nanos -> { })) {
            assertThrows(JedisConnectionException.class, () -> redis.call(jedis -> {
                throw new JedisConnectionException("connection refused");
            }));
            assertTrue(redis.isReachable(), "the next call tries Redis, and it answers");
            assertEquals("PONG", redis.call(jedis -> jedis.ping()), "and the calls after it need not wait");
        }
    }

    private static List<HostAndPort> sentinels(RedisSentinels servers) {
        return java.util.Arrays.stream(servers.sentinelsSetting().split(",")).map(HostAndPort::from).toList();
    }

    /** Each kind of failure with its count, in the order they first happened. */
    private static Map<String, Long> tally(List<String> failures) {
        return failures.stream().collect(Collectors.groupingBy(failure -> failure, LinkedHashMap::new, Collectors.counting()));
    }

    /** Whether signing in through the form starts a session; false while the form itself cannot be shown. */
    private static boolean signsIn(FormClient visitor, Api.User user) {
        try {
            return visitor.signIn(user).statusCode() == Status.SEE_OTHER_303.code();
        } catch (IllegalStateException noForm) {
            return false;
        }
    }

    /** Notes an unexpected status; answers whether it was the expected one. */
    private static boolean expect(List<String> failures, String request, int status, int expected) {
        if (status != expected) {
            failures.add(request + " answered " + status);
        }
        return status == expected;
    }

    /** Anonymous visitors reading the article list, the home page and an article, one after another, until stopped. */
    private static final class AnonymousReads implements Runnable {
        private final Api api;
        private final FormClient visitor;
        private final String slug;
        private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final AtomicInteger count = new AtomicInteger();
        private volatile boolean running = true;

        AnonymousReads(TestApp app, String slug) {
            this.api = app.api();
            this.visitor = new FormClient("http://127.0.0.1:" + app.port());
            this.slug = slug;
        }

        @Override
        public void run() {
            while (running) {
                expect(failures, "GET /api/articles", api.get("/api/articles").status(), Status.OK_200.code());
                expect(failures, "GET /", visitor.get("/").statusCode(), Status.OK_200.code());
                expect(failures, "GET /article/" + slug, visitor.get("/article/" + slug).statusCode(), Status.OK_200.code());
                count.addAndGet(3);
            }
        }

        void stop() {
            running = false;
        }

        int count() {
            return count.get();
        }

        List<String> failures() {
            return failures;
        }
    }

    /** Whether the server has turned replica; the switchover closes clients, this check's too. */
    private static boolean isReplica(RedisSentinels redis, int port) {
        try {
            return "slave".equals(redis.replication(port).get("role"));
        } catch (JedisConnectionException closedBySwitchover) {
            return false;
        }
    }
}
