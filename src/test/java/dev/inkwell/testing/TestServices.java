package dev.inkwell.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import redis.clients.jedis.Jedis;

/**
 * The PostgreSQL and Redis servers the tests run against: real servers, started once per test
 * run through {@code scripts/services} (the same script {@code make run} uses), on free
 * loopback ports under {@code target/test-services}, and stopped when the JVM exits.
 */
public final class TestServices {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path ROOT = PROJECT.resolve("target/test-services");
    private static TestServices shared;

    private final Server postgres;
    private final Server redis;
    private final AtomicInteger databases = new AtomicInteger();
    private final AtomicInteger redisDatabases = new AtomicInteger();

    private TestServices() {
        stopLeftovers();
        postgres = Server.postgres(ROOT.resolve("postgres"));
        redis = Server.redis(ROOT.resolve("redis"));
        postgres.start();
        redis.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            redis.stop();
            postgres.stop();
        }));
    }

    public static synchronized TestServices get() {
        if (shared == null) {
            shared = new TestServices();
        }
        return shared;
    }

    /** The URL of a brand-new, empty database. */
    public String newDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        createDatabase(postgres.port(), name);
        return postgresUrl(postgres.port(), name);
    }

    /** The URL of an emptied Redis logical database, one per caller in turn (there are 16). */
    public String newRedis() {
        int index = redisDatabases.getAndIncrement() % 16;
        try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            jedis.select(index);
            jedis.flushDB();
        }
        return "redis://127.0.0.1:" + redis.port() + "/" + index;
    }

    /**
     * A directory under target/test-services for a server that one test starts itself. A Redis that
     * writes its pid to {@code redis.pid} there is stopped by the next run should this one be aborted.
     */
    public static Path separateDirectory(String name) {
        get(); // clears what an aborted earlier run left before this server takes its place
        return ROOT.resolve(name + "-" + ProcessHandle.current().pid());
    }

    public static String postgresUrl(int port, String database) {
        return "postgresql://inkwell:inkwell@127.0.0.1:" + port + "/" + database;
    }

    static void createDatabase(int port, String name) {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/inkwell", "inkwell", "inkwell");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " OWNER inkwell");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    /** Servers left running by an aborted earlier run would hold ports and files: stop them first. */
    private static void stopLeftovers() {
        if (Files.isDirectory(ROOT)) {
            try (var dirs = Files.list(ROOT)) {
                for (Path dir : dirs.toList()) {
                    script("postgres", "stop", dir.toString());
                    script("redis", "stop", dir.toString());
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            deleteTree(ROOT);
        }
    }

    static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        return freePorts(1)[0];
    }

    /**
     * Distinct free ports on the loopback address, below the kernel's range of ephemeral ports: a port
     * from that range could be taken by an outgoing connection before the server binds it.
     */
    public static int[] freePorts(int count) {
        int lowestEphemeral = lowestEphemeralPort();
        var random = ThreadLocalRandom.current();
        Set<Integer> ports = new LinkedHashSet<>();
        for (int attempt = 0; ports.size() < count && attempt < 1000; attempt++) {
            int port = random.nextInt(10000, lowestEphemeral);
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                ports.add(socket.getLocalPort());
            } catch (IOException taken) {
                // in use; try another
            }
        }
        if (ports.size() < count) {
            throw new IllegalStateException("no " + count + " free ports below " + lowestEphemeral);
        }
        return ports.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lowestEphemeralPort() {
        try {
            // readAllLines, not readString: procfs reports a size of 0 and readString then reads one byte.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            int lowest = Integer.parseInt(range.split("\\s+")[0]);
            if (lowest <= 12000) {
                throw new IllegalStateException("the ephemeral port range starts at " + lowest + "; no room below it");
            }
            return lowest;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code scripts/services} and returns its output; fails with that output when it fails. */
    static String script(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(PROJECT.resolve("scripts/services").toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A PostgreSQL or Redis server of the tests' own. Outage tests start a separate one, stop it
     * under a running app and start it again.
     */
    public static final class Server {
        private final String kind;
        private final Path dir;
        private final int port;

        private Server(String kind, Path dir) {
            this.kind = kind;
            this.dir = dir;
            this.port = freePort();
        }

        public static Server postgres(Path dir) {
            return new Server("postgres", dir);
        }

        public static Server redis(Path dir) {
            return new Server("redis", dir);
        }

        /** A separate server for one test, under target/test-services. */
        public static Server separate(String kind, String name) {
            return new Server(kind, separateDirectory(name));
        }

        public void start() {
            script(kind, "start", dir.toString(), Integer.toString(port));
        }

        public void stop() {
            script(kind, "stop", dir.toString());
        }

        /** For a separate PostgreSQL: starts it as a streaming replica of the running {@code primary}. */
        public void startAsStandbyOf(Server primary) {
            script(kind, "standby", dir.toString(), Integer.toString(port), primary.dir.toString());
        }

        /** For a standby: makes it the primary, as a failover does. */
        public void promote() {
            script(kind, "promote", dir.toString());
        }

        /** For a separate PostgreSQL: stops it at once, as a crash would. */
        public void kill() {
            script(kind, "kill", dir.toString());
        }

        /** For a separate PostgreSQL: runs SQL as its superuser and returns the rows, one a line. */
        public String sql(String sql) {
            return script(kind, "sql", dir.toString(), sql).strip();
        }

        /** The server's own log file. */
        public Path log() {
            return dir.resolve(kind + ".log");
        }

        public int port() {
            return port;
        }

        /** For a separate PostgreSQL: a new database on it. */
        public String newDatabase(String name) {
            createDatabase(port, name);
            return postgresUrl(port, name);
        }
    }
}
