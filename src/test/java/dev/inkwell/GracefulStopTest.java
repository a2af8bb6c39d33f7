package dev.inkwell;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.TestApp;
import dev.inkwell.testing.TestServices;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Real Inkwell processes: SIGTERM makes one unready at once, still serving while it drains, then exit 0. */
class GracefulStopTest {

    @Test
    void sigtermDrainsAndExitsZero() throws Exception {
        String database = TestServices.get().newDatabase();
        String redis = TestServices.get().newRedis();
        int[] ports = TestServices.freePorts(2);
        Process process = start(database, redis, ports[0], ports[1], "target/graceful-stop.log");
        try {
            Api api = new Api("http://127.0.0.1:" + ports[0]);
            Api admin = new Api("http://127.0.0.1:" + ports[1]);
            assertTrue(waitFor(() -> admin.get("/health/ready").status() == 200), "became ready");

            process.toHandle().destroy(); // SIGTERM
            assertTrue(waitFor(() -> admin.get("/health/ready").status() == 503), "unready at once");
            assertEquals(200, api.get("/api/tags").status(), "still serving while draining");
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "stopped in time");
            assertEquals(0, process.exitValue());
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

    private static Process start(String database, String redis, int port, int adminPort, String log)
            throws java.io.IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                                                    "dev.inkwell.Main")
                .redirectErrorStream(true)
                .redirectOutput(new File(log));
        var environment = builder.environment();
        environment.put("DATABASE_URL", database);
        environment.put("REDIS_URL", redis);
        environment.put("JWT_SECRET", TestApp.JWT_SECRET);
        environment.put("PORT", Integer.toString(port));
        environment.put("ADMIN_PORT", Integer.toString(adminPort));
        environment.put("DRAIN_DELAY", "PT3S");
        environment.put("SHUTDOWN_TIMEOUT", "PT2S");
        return builder.start();
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            try {
                if (condition.getAsBoolean()) {
                    return true;
                }
            } catch (IllegalStateException notListening) {
                // not up yet
            }
            Thread.sleep(100);
        }
        return false;
    }
}
