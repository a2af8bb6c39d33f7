package dev.inkwell.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.SilentRelay;
import dev.inkwell.testing.TestApp;
import dev.inkwell.testing.TestServices.Server;

import io.helidon.http.Status;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app following the PostgreSQL primary through failovers as Patroni performs them, on real
 * PostgreSQL 15 servers: a primary with a synchronous streaming standby (Patroni's
 * {@code synchronous_mode}), and the app given both hosts with {@code target_session_attrs=read-write}.
 * Writers keep publishing (and reading back) articles throughout; afterwards every acknowledged
 * write must be on the promoted standby.
 */
class FailoverTest {

    /** How long after the promotion writes may still fail. */
    private static final Duration WINDOW = Duration.ofSeconds(10);
    /**
     * As long for a silent primary: until the driver has seen the promoted standby as the primary,
     * each new connection first waits for the silent host for up to the socket time-out (4 s here),
     * and one attempt may have begun just before the promotion (measured: about 9 s).
     */
    private static final Duration SILENT_WINDOW = Duration.ofSeconds(15);

    @Test
    void aDemotedPrimarysPooledConnectionsAreReplacedAndWritesMoveToThePromotedStandby() throws Exception {
        try (Pair pair = Pair.start("demoted");
             TestApp app = TestApp.start(environment(pair.url(pair.primary.port()), "PT2S"))) {
            Writers writers = Writers.start(app.api(), app.api().register("demoted"));
            writers.awaitAcknowledged(20);
            long demotedAt = System.nanoTime();
            // What the pooled connections of a demoted primary see: every transaction is read-only.
            pair.primary.sql("ALTER SYSTEM SET default_transaction_read_only = on");
            pair.primary.sql("SELECT pg_reload_conf()");
            Thread.sleep(1_500);
            pair.standby.promote();
            long windowEnd = System.nanoTime() + WINDOW.toNanos();
            sleepUntil(windowEnd);
            long readOnlyRefusalsInWindow = readOnlyRefusals(pair.primary);
            Thread.sleep(5_000);
            List<Attempt> attempts = writers.stop();
            System.out.println("demoted primary: " + summary(attempts, demotedAt));

            assertTrue(readOnlyRefusalsInWindow > 0, "writes met the read-only primary: " + summary(attempts, demotedAt));
            assertEquals(readOnlyRefusalsInWindow, readOnlyRefusals(pair.primary),
                         "no write met the old primary after the window");
            assertFailuresOnlyWithin(attempts, demotedAt, windowEnd);
            assertTrue(eventually(() -> pair.primary.sql(
                               "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'inkwell'").equals("0")),
                       "no pooled connection is left on the old primary");
            assertAcknowledgedWritesOn(pair.standby, attempts);
        }
    }

    /**
     * A planned switchover as Patroni performs it: the primary shuts down (a fast shutdown, which
     * ends every session), then the standby is promoted. Work that lost its connection before its
     * commit runs again on the new primary, so at most a write caught in its commit (whose outcome
     * the app cannot know, and so never repeats) fails.
     */
    @Test
    void aPlannedSwitchoverFailsAtMostAWriteCaughtInItsCommit() throws Exception {
        try (Pair pair = Pair.start("switchover");
             TestApp app = TestApp.start(environment(pair.url(pair.primary.port()), "PT10S"))) {
            Writers writers = Writers.start(app.api(), app.api().register("switchover"));
            writers.awaitAcknowledged(20);
            long switchedAt = System.nanoTime();
            pair.primary.stop();
            pair.standby.promote();
            long promotedAt = System.nanoTime();
            Thread.sleep(5_000);
            List<Attempt> attempts = writers.stop();
            String summary = summary(attempts, switchedAt);
            System.out.println("switchover: " + summary);

            List<Attempt> failed = attempts.stream().filter(a -> !a.succeeded()).toList();
            assertTrue(failed.size() <= 1, "at most one write failed: " + summary);
            assertFailuresOnlyWithin(attempts, switchedAt, promotedAt);
            assertAcknowledgedWritesOn(pair.standby, attempts);
        }
    }

    @Test
    void aPrimaryStoppedAtOnceIsLeftForThePromotedStandbyAndAnInstanceStartsWithoutIt() throws Exception {
        try (Pair pair = Pair.start("killed")) {
            String url = pair.url(pair.primary.port());
            try (TestApp app = TestApp.start(environment(url, "PT2S"))) {
                writeThroughTheLossOfThePrimary(app, pair, "killed", pair.primary::kill, WINDOW);
            }
            // The first host of the URL is down: a new instance migrates and serves on the second.
            try (TestApp second = TestApp.start(environment(url, "PT2S"))) {
                Api.User user = second.api().register("afterkill");
                second.api().publish(user, "Written with the first host down");
                assertEquals(Status.OK_200.code(), second.ready().statusCode());
            }
        }
    }

    @Test
    void aPrimaryThatFallsSilentCostsRequestsSecondsNotForever() throws Exception {
        try (Pair pair = Pair.start("silent");
             SilentRelay relay = new SilentRelay(pair.primary.port())) {
            String url = pair.url(relay.port());
            try (TestApp app = TestApp.start(environment(url, "PT2S"))) {
                List<Attempt> attempts = writeThroughTheLossOfThePrimary(app, pair, "silent", relay::goSilent, SILENT_WINDOW);
                // A request waits at most for a pooled connection (2 s, and a check of a silent one
                // started just before that ends, 2 s) and then for one answer: the statement time-out
                // (1 s) plus the socket time-out's margin (3 s). Without a socket time-out the writes
                // caught by the silence would wait for the client to give up, at 20 s.
                long longest = attempts.stream().mapToLong(Attempt::millis).max().orElseThrow();
                assertTrue(longest < 12_000, "the longest write took " + longest + " ms");
            }
            // A new instance with the silent host first in the URL gives up on it and starts on the second.
            long starting = System.nanoTime();
            try (TestApp second = TestApp.start(environment(url, "PT10S"))) {
                Api.User user = second.api().register("aftersilence");
                second.api().publish(user, "Written with the first host silent");
                assertTrue(System.nanoTime() - starting < Duration.ofSeconds(20).toNanos());
            }
        }
    }

    /** What makes the primary unreachable. */
    private interface Fault {
        void happen() throws Exception;
    }

    /**
     * Writers publish through a failover after the primary is lost: the fault, a second later the
     * standby's promotion, then the window and five quiet seconds. Writes failed only within the
     * window and every acknowledged one is on the promoted standby; answers the attempts.
     */
    private static List<Attempt> writeThroughTheLossOfThePrimary(TestApp app, Pair pair, String name, Fault fault,
                                                                 Duration window) throws Exception {
        Writers writers = Writers.start(app.api(), app.api().register(name));
        writers.awaitAcknowledged(20);
        long lostAt = System.nanoTime();
        fault.happen();
        Thread.sleep(1_000);
        pair.standby.promote();
        long windowEnd = System.nanoTime() + window.toNanos();
        sleepUntil(windowEnd);
        Thread.sleep(5_000);
        List<Attempt> attempts = writers.stop();
        System.out.println(name + " primary: " + summary(attempts, lostAt));

        assertFailuresOnlyWithin(attempts, lostAt, windowEnd);
        assertAcknowledgedWritesOn(pair.standby, attempts);
        return attempts;
    }

    private static Map<String, String> environment(String url, String acquireTimeout) {
        Map<String, String> environment = new HashMap<>();
        environment.put("DATABASE_URL", url);
        environment.put("DATABASE_POOL_SIZE", "4");
        environment.put("DATABASE_CONNECT_TIMEOUT", "PT1S");
        environment.put("DATABASE_ACQUIRE_TIMEOUT", acquireTimeout);
        environment.put("DATABASE_STATEMENT_TIMEOUT", "PT1S");
        return environment;
    }

    /** Every attempt that failed overlapped the time from the event to the end of the window. */
    private static void assertFailuresOnlyWithin(List<Attempt> attempts, long eventAt, long windowEnd) {
        String summary = summary(attempts, eventAt);
        assertTrue(attempts.stream().filter(a -> a.end < eventAt).count() >= 5, "writes ran before: " + summary);
        assertTrue(attempts.stream().filter(a -> a.start > windowEnd).count() >= 5, "writes ran after: " + summary);
        for (Attempt attempt : attempts) {
            if (!attempt.succeeded()) {
                assertTrue(attempt.end >= eventAt && attempt.start <= windowEnd,
                           "a write failed outside the failover window: " + attempt.describe(eventAt) + "; " + summary);
            }
        }
    }

    /** Every write that was answered 201 is on the promoted standby. */
    private static void assertAcknowledgedWritesOn(Server server, List<Attempt> attempts) throws SQLException {
        Set<String> stored = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + server.port() + "/failover", "inkwell", "inkwell");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT slug FROM articles")) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        List<String> acknowledged = attempts.stream().filter(a -> a.status == Status.CREATED_201.code()).map(Attempt::slug).toList();
        List<String> lost = acknowledged.stream().filter(slug -> !stored.contains(slug)).toList();
        assertTrue(lost.isEmpty(), lost.size() + " of " + acknowledged.size() + " acknowledged writes are lost: " + lost);
    }

    /** Refusals of writes as read-only in a server's log. */
    private static long readOnlyRefusals(Server server) throws IOException {
        try (var lines = Files.lines(server.log())) {
            return lines.filter(line -> line.contains("ERROR:") && line.contains("read-only transaction")).count();
        }
    }

    /** Counts of outcomes, and the first and last failure in seconds after the event. */
    private static String summary(List<Attempt> attempts, long eventAt) {
        Map<String, Long> outcomes = attempts.stream()
                .collect(Collectors.groupingBy(Attempt::outcome, java.util.TreeMap::new, Collectors.counting()));
        List<Attempt> failed = attempts.stream().filter(a -> !a.succeeded()).toList();
        String span = failed.isEmpty() ? "no failures" : "failures from %+.1f s to %+.1f s".formatted(
                (failed.getFirst().start - eventAt) / 1e9, (failed.getLast().end - eventAt) / 1e9);
        long longest = attempts.stream().mapToLong(Attempt::millis).max().orElse(0);
        return attempts.size() + " writes " + outcomes + ", " + span + " after the event, longest " + longest + " ms";
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left));
        }
    }

    /** Polls for up to 30 seconds. */
    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /**
     * One publication and, when acknowledged, its reading back by the author (not served from the
     * cache): status -1 when no answer came within the client's 20 seconds.
     */
    private record Attempt(long start, long end, int status, String slug, int readStatus) {
        boolean succeeded() {
            return status == Status.CREATED_201.code() && readStatus == Status.OK_200.code();
        }

        long millis() {
            return (end - start) / 1_000_000;
        }

        String outcome() {
            return status + (status == Status.CREATED_201.code() ? "/read " + readStatus : "");
        }

        String describe(long eventAt) {
            return outcome() + " from %+.1f s to %+.1f s".formatted((start - eventAt) / 1e9, (end - eventAt) / 1e9);
        }
    }

    /** Three authors' worth of writers publishing and reading back one article after another. */
    private static final class Writers {
        private final List<Attempt> attempts = new CopyOnWriteArrayList<>();
        private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        private volatile boolean stopping;

        static Writers start(Api api, Api.User author) {
            Writers writers = new Writers();
            for (int writer = 0; writer < 3; writer++) {
                int number = writer;
                writers.threads.submit(() -> writers.write(api, author, number));
            }
            return writers;
        }

        private Void write(Api api, Api.User author, int writer) throws InterruptedException {
            for (int i = 0; !stopping; i++) {
                String body = "{\"article\":{\"title\":\"Writer %d article %d\",\"description\":\"d\",\"body\":\"b\"}}"
                        .formatted(writer, i);
                long start = System.nanoTime();
                int status = -1;
                String slug = null;
                int read = -1;
                try {
                    Api.Response created = api.post("/api/articles", body, author.token());
                    status = created.status();
                    if (status == Status.CREATED_201.code()) {
                        slug = created.json().getJsonObject("article").getString("slug");
                        read = api.get("/api/articles/" + slug, author.token()).status();
                    }
                } catch (IllegalStateException noAnswer) {
                    // recorded as -1
                }
                attempts.add(new Attempt(start, System.nanoTime(), status, slug, read));
                Thread.sleep(50);
            }
            return null;
        }

        /** Waits until this many writes were acknowledged: the app is warm and serving. */
        void awaitAcknowledged(int count) throws InterruptedException {
            assertTrue(eventually(() -> attempts.stream().filter(a -> a.status == Status.CREATED_201.code()).count() >= count),
                       "writes are acknowledged before the failover: " + attempts.size() + " attempts");
        }

        List<Attempt> stop() {
            stopping = true;
            threads.close();
            return attempts.stream().sorted(java.util.Comparator.comparingLong(Attempt::start)).toList();
        }
    }

    /** A primary and its synchronous streaming standby, each on its own port. */
    private record Pair(Server primary, Server standby) implements AutoCloseable {

        static Pair start(String name) throws InterruptedException {
            Server primary = Server.separate("postgres", name + "-primary");
            Server standby = Server.separate("postgres", name + "-standby");
            Pair pair = new Pair(primary, standby);
            try {
                primary.start();
                primary.newDatabase("failover"); // before the copy, so the standby has it too
                standby.startAsStandbyOf(primary);
                // As Patroni's synchronous_mode: a commit is acknowledged once the standby has it.
                primary.sql("ALTER SYSTEM SET synchronous_standby_names = '*'");
                primary.sql("SELECT pg_reload_conf()");
                assertTrue(eventually(() -> primary.sql("SELECT sync_state FROM pg_stat_replication").equals("sync")),
                           "the standby replicates synchronously");
                return pair;
            } catch (RuntimeException | Error e) {
                pair.close();
                throw e;
            }
        }

        /** The app's URL: the host at {@code firstPort} (the primary, or what stands for it), then the standby. */
        String url(int firstPort) {
            return "postgresql://inkwell:inkwell@127.0.0.1:%d,127.0.0.1:%d/failover?target_session_attrs=read-write"
                    .formatted(firstPort, standby.port());
        }

        @Override
        public void close() {
            standby.stop();
            primary.stop();
        }
    }
}
