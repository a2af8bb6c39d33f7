package dev.inkwell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.InkwellProcess;
import dev.inkwell.testing.TestServices;

import io.helidon.http.Status;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a real instance tells operators about its database: a slow statement in the log (named by
 * the code that ran it, never with its values), and a pool under contention in /metrics. The test
 * makes statements slow by holding a lock on the table they read.
 */
class DatabaseTelemetryTest {

    @Test
    void aSlowStatementLogsOneWarningWithItsNameAndNotItsValues() throws Exception {
        Path log = Path.of("target/slow-queries.log");
        try (Instance instance = Instance.start(log, Map.of("DATABASE_SLOW_QUERY_THRESHOLD", "PT0.3S"))) {
            assertEquals(Status.NOT_FOUND_404.code(), instance.api.get("/api/profiles/quick-name").status());
            try (TableLock lock = instance.lockUsers()) {
                Future<Api.Response> slow = instance.threads.submit(() -> instance.api.get("/api/profiles/secret-name-42"));
                // A list reads through JDBC itself, and is timed and named all the same.
                Future<Api.Response> slowList = instance.threads.submit(
                        () -> instance.api.get("/api/articles?author=secret-name-43"));
                Thread.sleep(800);
                lock.release();
                assertEquals(Status.NOT_FOUND_404.code(), slow.get(10, TimeUnit.SECONDS).status());
                assertEquals(Status.OK_200.code(), slowList.get(10, TimeUnit.SECONDS).status());
            }
            List<String> slowQueries = Files.readAllLines(log).stream().filter(line -> line.contains("slow query ")).toList();
            assertEquals(1, slowQueries.size(), String.join("\n", slowQueries));
            assertTrue(slowQueries.getFirst().matches(".*slow query ArticleQueries\\.page: \\d+ ms.*"), slowQueries.getFirst());
            assertFalse(slowQueries.getFirst().contains("secret-name-43"), slowQueries.getFirst());
            List<String> warnings = Files.readAllLines(log).stream().filter(line -> line.contains("slow get ")).toList();
            assertEquals(1, warnings.size(), String.join("\n", warnings));
            assertTrue(warnings.getFirst().matches(".*slow get ProfileRepository\\.\\w+: \\d+ ms.*"), warnings.getFirst());
            assertTrue(warnings.getFirst().contains("WARN"), warnings.getFirst());
            assertFalse(warnings.getFirst().contains("secret-name-42"), warnings.getFirst());
            assertFalse(warnings.getFirst().contains("SELECT"), "not the statement either: " + warnings.getFirst());
            assertEquals(2, instance.metric("inkwell_db_slow_statements_total"));
            assertTrue(instance.metric("inkwell_db_statements_seconds_count") >= 3);
        }
    }

    @Test
    void poolContentionShowsInTheGaugesTheWaitTimesAndTheTimeouts() throws Exception {
        Path log = Path.of("target/pool-contention.log");
        try (Instance instance = Instance.start(log, Map.of("DATABASE_POOL_SIZE", "2",
                                                            "DATABASE_ACQUIRE_TIMEOUT", "PT2S"))) {
            assertEquals(0, instance.metric("inkwell_db_pool_pending"));
            double waitedBefore = instance.metric("inkwell_db_pool_wait_seconds_sum");

            // Both connections are stuck behind the lock for a second; a third request waits for one.
            try (TableLock lock = instance.lockUsers()) {
                List<Future<Api.Response>> requests = List.of(
                        instance.threads.submit(() -> instance.api.get("/api/profiles/first")),
                        instance.threads.submit(() -> instance.api.get("/api/profiles/second")),
                        instance.threads.submit(() -> instance.api.get("/api/profiles/third")));
                assertTrue(InkwellProcess.waitFor(Duration.ofSeconds(5),
                                                  () -> instance.metric("inkwell_db_pool_pending") == 1),
                           "one request waits for a connection");
                assertEquals(2, instance.metric("inkwell_db_pool_active"));
                Thread.sleep(Math.max(0, 1000 - lock.heldMillis()));
                lock.release();
                for (Future<Api.Response> request : requests) {
                    assertEquals(Status.NOT_FOUND_404.code(), request.get(10, TimeUnit.SECONDS).status());
                }
            }
            assertEquals(0, instance.metric("inkwell_db_pool_pending"));
            double waited = instance.metric("inkwell_db_pool_wait_seconds_sum") - waitedBefore;
            assertTrue(waited >= 0.5, "the wait is in the pool's wait time: " + waited);
            assertEquals(0, instance.metric("inkwell_db_pool_timeouts_total"));

            // Stuck for longer than the acquire timeout: the waiting request gives up (503) and is counted.
            try (TableLock lock = instance.lockUsers()) {
                List<Future<Api.Response>> stuck = List.of(
                        instance.threads.submit(() -> instance.api.get("/api/profiles/stuck")),
                        instance.threads.submit(() -> instance.api.get("/api/profiles/also-stuck")));
                assertTrue(InkwellProcess.waitFor(Duration.ofSeconds(5),
                                                  () -> instance.metric("inkwell_db_pool_active") == 2));
                Future<Api.Response> waiting = instance.threads.submit(() -> instance.api.get("/api/profiles/waiting"));
                assertEquals(Status.SERVICE_UNAVAILABLE_503.code(), waiting.get(10, TimeUnit.SECONDS).status());
                lock.release();
                for (Future<Api.Response> request : stuck) {
                    assertEquals(Status.NOT_FOUND_404.code(), request.get(10, TimeUnit.SECONDS).status());
                }
            }
            assertEquals(1, instance.metric("inkwell_db_pool_timeouts_total"));
        }
    }

    /** An instance in its own process (its metrics are its own), and a connection of the test's. */
    private record Instance(Process process, Api api, Api admin, String database, ExecutorService threads)
            implements AutoCloseable {

        static Instance start(Path log, Map<String, String> settings) throws Exception {
            String database = TestServices.get().newDatabase();
            int[] ports = TestServices.freePorts(2);
            Map<String, String> environment =
                    InkwellProcess.environment(database, TestServices.get().newRedis(), ports[0], ports[1]);
            environment.put("WARM_UP_REQUESTS", "0");
            environment.putAll(settings);
            Process process = InkwellProcess.start(List.of(), environment, log);
            Instance instance = new Instance(process, new Api("http://127.0.0.1:" + ports[0]),
                                             new Api("http://127.0.0.1:" + ports[1]), database,
                                             Executors.newVirtualThreadPerTaskExecutor());
            if (!InkwellProcess.waitFor(Duration.ofSeconds(60), () -> instance.admin.get("/health/ready").status() == Status.OK_200.code())) {
                instance.close();
                throw new AssertionError("the instance did not become ready: " + Files.readString(log));
            }
            return instance;
        }

        /** Sums the samples of one metric in the instance's /metrics. */
        double metric(String name) {
            return admin.get("/metrics").body().lines()
                    .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                    .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                    .sum();
        }

        TableLock lockUsers() throws Exception {
            Connection connection = DriverManager.getConnection(
                    database.replace("postgresql://inkwell:inkwell@", "jdbc:postgresql://"), "inkwell", "inkwell");
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE users IN ACCESS EXCLUSIVE MODE");
            }
            return new TableLock(connection, System.nanoTime());
        }

        @Override
        public void close() throws Exception {
            threads.shutdownNow();
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** A lock held by the test's own transaction until released (rolled back). */
    private record TableLock(Connection connection, long since) implements AutoCloseable {

        long heldMillis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
        }

        void release() throws Exception {
            if (!connection.isClosed()) {
                connection.rollback();
                connection.close();
            }
        }

        @Override
        public void close() throws Exception {
            release();
        }
    }
}
