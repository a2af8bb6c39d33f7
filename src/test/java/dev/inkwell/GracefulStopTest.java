package dev.inkwell;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.inkwell.testing.Api;
import dev.inkwell.testing.TestApp;
import dev.inkwell.testing.TestServices;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIGTERM to a real Inkwell process: unready at once, still serving while it drains, then exit 0. */
class GracefulStopTest {

    @Test
    void sigtermDrainsAndExitsZero() throws Exception {
        int port = freePort();
        int adminPort = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                                                    "dev.inkwell.Main")
                .redirectErrorStream(true)
                .redirectOutput(new File("target/graceful-stop.log"));
        var environment = builder.environment();
        environment.put("DATABASE_URL", TestServices.get().newDatabase());
        environment.put("REDIS_URL", TestServices.get().newRedis());
        environment.put("JWT_SECRET", TestApp.JWT_SECRET);
        environment.put("PORT", Integer.toString(port));
        environment.put("ADMIN_PORT", Integer.toString(adminPort));
        environment.put("DRAIN_DELAY", "PT3S");
        environment.put("SHUTDOWN_TIMEOUT", "PT2S");
        Process process = builder.start();
        try {
            Api api = new Api("http://127.0.0.1:" + port);
            Api admin = new Api("http://127.0.0.1:" + adminPort);
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

    private static int freePort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
