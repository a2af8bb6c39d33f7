package dev.inkwell.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Real Inkwell processes started from the tests' classpath, each writing its output to a log file. */
public final class InkwellProcess {

    private InkwellProcess() {
    }

    /** Starts {@code java <jvmOptions> dev.inkwell.Main <command>} with these environment variables set. */
    public static Process start(List<String> jvmOptions, Map<String, String> environment, Path log, String... command)
            throws IOException {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        line.addAll(jvmOptions);
        line.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.inkwell.Main"));
        line.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(new File(log.toString()));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** The environment of an instance on these services and ports, with the tests' JWT secret. */
    public static Map<String, String> environment(String database, String redis, int port, int adminPort) {
        Map<String, String> environment = new java.util.HashMap<>();
        environment.put("DATABASE_URL", database);
        environment.put("REDIS_URL", redis);
        environment.put("JWT_SECRET", TestApp.JWT_SECRET);
        environment.put("PORT", Integer.toString(port));
        environment.put("ADMIN_PORT", Integer.toString(adminPort));
        return environment;
    }

    /** Polls the condition every 100 ms until it holds or the time is up; a process not listening yet counts as no. */
    public static boolean waitFor(Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
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
