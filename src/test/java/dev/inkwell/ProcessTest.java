package dev.inkwell;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.InkwellProcess;
import dev.inkwell.testing.ShippedMigrations;
import dev.inkwell.testing.TestServices;

import io.helidon.http.Status;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real Inkwell processes: ready only once warmed up; SIGTERM makes one unready at once, still serving
 * while it drains, then exit 0; a port in use ends it with exit 1; a database still starting is waited for.
 */
class ProcessTest {

    @Test
    void sigtermDrainsLogsToTheEndAndExitsWithTheSignalsStatus() throws Exception {
        String database = TestServices.get().newDatabase();
        String redis = TestServices.get().newRedis();
        int[] ports = TestServices.freePorts(2);
        Path log = Path.of("target/graceful-stop.log");
        Process process = start(database, redis, ports[0], ports[1], log.toString());
        try {
            Api api = new Api("http://127.0.0.1:" + ports[0]);
            Api admin = new Api("http://127.0.0.1:" + ports[1]);
            assertTrue(waitFor(() -> admin.get("/health/ready").status() == Status.OK_200.code()), "became ready");

            process.toHandle().destroy(); // SIGTERM
            assertTrue(waitFor(() -> admin.get("/health/ready").status() == Status.SERVICE_UNAVAILABLE_503.code()), "unready at once");
            assertEquals(Status.OK_200.code(), api.get("/api/tags").status(), "still serving while draining");
            api.get("/api/profiles/while-draining");
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "stopped in time");
            assertEquals(143, process.exitValue(), "128 + SIGTERM, as systemd's unit expects");
            String output = Files.readString(log);
            assertTrue(output.contains("/api/profiles/while-draining 404"), "the request answered while draining is logged: " + output);
            assertTrue(output.strip().endsWith("\"message\":\"Inkwell stopped\"}"), "logging lasts to the end: " + output);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void readyOnlyOnceWarmedUp() throws Exception {
        int[] ports = TestServices.freePorts(2);
        Path log = Path.of("target/warm-up.log");
        Process process = start(TestServices.get().newDatabase(), TestServices.get().newRedis(), ports[0], ports[1],
                                log.toString(), Map.of("WARM_UP_REQUESTS", "200"));
        try {
            Api admin = new Api("http://127.0.0.1:" + ports[1]);
            List<Integer> answers = new ArrayList<>();
            assertTrue(waitFor(() -> answers.add(admin.get("/health/ready").status()) && answers.getLast() == Status.OK_200.code()),
                       "became ready: " + Files.readString(log));
            String output = Files.readString(log);
            assertTrue(output.contains("Warmed up with 200 requests in"), output);
            assertTrue(output.contains("(0 failed)"), output);
            assertTrue(answers.contains(503), "unready while warming up: " + answers);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aPortInUseStopsItWithExitOne() throws Exception {
        String database = TestServices.get().newDatabase();
        String redis = TestServices.get().newRedis();
        try (ServerSocket taken = new ServerSocket(0)) {
            Path log = Path.of("target/port-in-use.log");
            Process process = start(database, redis, taken.getLocalPort(), TestServices.freePorts(1)[0], log.toString());
            try {
                assertTrue(process.waitFor(60, TimeUnit.SECONDS), "stopped instead of staying up serving nothing");
                assertEquals(1, process.exitValue());
                assertTrue(Files.readString(log).contains("could not listen on port " + taken.getLocalPort()),
                           Files.readString(log));
            } finally {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void migrateWaitsForADatabaseThatIsStillStarting() throws Exception {
        TestServices.Server postgres = TestServices.Server.separate("postgres", "late-postgres");
        Path log = Path.of("target/migrate-late.log");
        Process process = start(TestServices.postgresUrl(postgres.port(), "inkwell"), TestServices.get().newRedis(),
                                0, 0, log.toString(), "migrate");
        try {
            Thread.sleep(3_000);
            assertTrue(process.isAlive(), "still trying: " + Files.readString(log));
            postgres.start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "done once the database is up");
            assertEquals(0, process.exitValue(), Files.readString(log));
            String output = Files.readString(log);
            assertTrue(output.contains("Database out of reach for migrations, retrying"), output);
            assertTrue(output.contains("inkwell: database at version %d (%d migrations applied)".formatted(
                    ShippedMigrations.latest(), ShippedMigrations.versions().size())), output);
        } finally {
            process.destroyForcibly();
            postgres.stop();
        }
    }

    private static Process start(String database, String redis, int port, int adminPort, String log,
                                 String... command) throws java.io.IOException {
        return start(database, redis, port, adminPort, log, Map.of(), command);
    }

    private static Process start(String database, String redis, int port, int adminPort, String log,
                                 Map<String, String> settings, String... command) throws java.io.IOException {
        Map<String, String> environment = InkwellProcess.environment(database, redis, port, adminPort);
        environment.put("DRAIN_DELAY", "PT3S");
        environment.put("SHUTDOWN_TIMEOUT", "PT2S");
        // Each attempt to reach a database that is not there yet gives up within a second.
        environment.put("DATABASE_ACQUIRE_TIMEOUT", "PT1S");
        // A handful of warm-up reads: enough to show it happens, not enough to slow the tests.
        environment.put("WARM_UP_REQUESTS", "20");
        environment.putAll(settings);
        return InkwellProcess.start(List.of(), environment, Path.of(log), command);
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        return InkwellProcess.waitFor(java.time.Duration.ofSeconds(30), condition);
    }
}
