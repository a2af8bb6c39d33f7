package dev.inkwell.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A Redis master and its replicas, watched by three Sentinels under the name {@link #MASTER_NAME}
 * (quorum 2), all behind one password, as in the high-availability layout: real processes on free
 * loopback ports, each in a directory of its own under {@code target/test-services}. Sentinels call
 * a master down after 2 s without an answer. {@link #close} stops all of them, as does the JVM's exit.
 */
public final class RedisSentinels implements AutoCloseable {

    public static final String MASTER_NAME = "inkwell";
    private static final String PASSWORD = "a-password-for-redis-and-sentinels";
    private static final int SENTINELS = 3;

    private final List<Path> dirs = new ArrayList<>();
    /** The data servers by port, killed ones included. */
    private final Map<Integer, Process> servers = new LinkedHashMap<>();
    private final Map<Integer, Process> sentinels = new LinkedHashMap<>();
    private final Thread cleanUp = new Thread(this::stopAll);

    private RedisSentinels() {
        Runtime.getRuntime().addShutdownHook(cleanUp);
    }

    /**
     * Starts the master, then its replica, then the Sentinels, and waits until the Sentinels know
     * the replica and each other: from then on they can fail over on their own.
     */
    public static RedisSentinels start(String name) {
        return start(name, 1);
    }

    /**
     * As {@link #start(String)}, with that many replicas. With two or more, as on production's db
     * hosts, a master refuses writes ({@code NOREPLICAS}) unless a replica acknowledged it within 10 s.
     */
    public static RedisSentinels start(String name, int replicas) {
        RedisSentinels set = new RedisSentinels();
        try {
            int[] ports = TestServices.freePorts(1 + replicas + SENTINELS);
            int master = ports[0];
            List<String> writeBound = replicas >= 2
                    ? List.of("--min-replicas-to-write", "1", "--min-replicas-max-lag", "10") : List.of();
            set.startServer(name + "-redis-1", master, writeBound);
            for (int i = 1; i <= replicas; i++) {
                int replica = ports[i];
                List<String> extra = new ArrayList<>(writeBound);
                extra.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(master)));
                set.startServer(name + "-redis-" + (i + 1), replica, extra);
                waitFor(Duration.ofSeconds(20), () -> "up".equals(set.replication(replica).get("master_link_status")),
                        "the replica to sync with the master");
            }
            for (int i = 0; i < SENTINELS; i++) {
                set.startSentinel(name + "-sentinel-" + (i + 1), ports[1 + replicas + i], master);
            }
            set.awaitSteady(Duration.ofSeconds(30));
            return set;
        } catch (RuntimeException e) {
            set.close();
            throw e;
        }
    }

    /** REDIS_SENTINELS for the app. */
    public String sentinelsSetting() {
        return sentinels.keySet().stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /** A REDIS_URL with the password and an address where nothing listens: with Sentinels, only the first counts. */
    public String urlWithUnusedAddress() {
        return "redis://:" + PASSWORD + "@127.0.0.1:1";
    }

    /** The URL of one data server itself, as an app without Sentinels would be given. */
    public String directUrl(int port) {
        return "redis://:" + PASSWORD + "@127.0.0.1:" + port;
    }

    /** The master's port, as the first Sentinel that answers names it. */
    public int masterPort() {
        for (int sentinel : sentinels.keySet()) {
            try (Jedis jedis = sentinel(sentinel)) {
                return Integer.parseInt(jedis.sentinelGetMasterAddrByName(MASTER_NAME).get(1));
            } catch (JedisException e) {
                // try the next one
            }
        }
        throw new IllegalStateException("no Sentinel answers");
    }

    /** The data servers still running. */
    public List<Integer> runningServers() {
        return servers.entrySet().stream().filter(e -> e.getValue().isAlive()).map(Map.Entry::getKey).toList();
    }

    /**
     * Waits until some client listens by pattern to every Sentinel (an app's failover watch): a
     * failover begun before would go unheard.
     */
    public void awaitPatternListeners(Duration limit) {
        waitFor(limit, () -> sentinels.keySet().stream().allMatch(port -> {
            try (Jedis jedis = sentinel(port)) {
                return jedis.clientList().lines().anyMatch(client -> client.matches(".* psub=[1-9].*"));
            }
        }), "a client to listen to every Sentinel's events");
    }

    /**
     * A planned switchover: a Sentinel promotes a replica ({@code SENTINEL FAILOVER}), and turns
     * the old master into the new one's replica some ten seconds later.
     */
    public void failover() {
        try (Jedis jedis = sentinel(sentinels.keySet().iterator().next())) {
            jedis.sentinelFailover(MASTER_NAME);
        }
    }

    /** Kills a data server with SIGKILL, as a crash or a power cut would. */
    public void kill(int port) {
        Process server = servers.get(port);
        server.destroyForcibly();
        try {
            server.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The {@code INFO replication} fields of a data server. */
    public Map<String, String> replication(int port) {
        try (Jedis jedis = server(port)) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String line : jedis.info("replication").split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 1));
                }
            }
            return fields;
        }
    }

    /** A client of a data server itself. */
    public Jedis server(int port) {
        return new Jedis("127.0.0.1", port, config());
    }

    /**
     * Waits until every Sentinel names the same running master, knows the other Sentinels, and sees
     * each other running server as its replica with the link up; and those servers agree.
     */
    public void awaitSteady(Duration limit) {
        waitFor(limit, this::steady, "the Sentinels and servers to settle");
    }

    private boolean steady() {
        List<Integer> running = runningServers();
        int master = masterPort();
        if (!running.contains(master) || !"master".equals(replication(master).get("role"))) {
            return false;
        }
        for (int port : running) {
            if (port != master && !("slave".equals(replication(port).get("role"))
                                    && Integer.toString(master).equals(replication(port).get("master_port"))
                                    && "up".equals(replication(port).get("master_link_status")))) {
                return false;
            }
        }
        for (int sentinel : sentinels.keySet()) {
            try (Jedis jedis = sentinel(sentinel)) {
                Map<String, String> state = jedis.sentinelMaster(MASTER_NAME);
                if (!Integer.toString(master).equals(state.get("port")) || !"master".equals(state.get("flags"))
                        || !Integer.toString(SENTINELS - 1).equals(state.get("num-other-sentinels"))) {
                    return false;
                }
                long healthyReplicas = jedis.sentinelReplicas(MASTER_NAME).stream()
                        .filter(replica -> "slave".equals(replica.get("flags"))
                                           && "ok".equals(replica.get("master-link-status"))
                                           && running.contains(Integer.parseInt(replica.get("port"))))
                        .count();
                if (healthyReplicas != running.size() - 1) {
                    return false;
                }
            }
        }
        return true;
    }

    private Jedis sentinel(int port) {
        return new Jedis("127.0.0.1", port, config());
    }

    private static JedisClientConfig config() {
        return DefaultJedisClientConfig.builder().password(PASSWORD).timeoutMillis(2000).build();
    }

    private void startServer(String name, int port, List<String> extra) {
        Path dir = directory(name);
        List<String> command = new ArrayList<>(List.of(
                "redis-server", "--bind", "127.0.0.1", "--port", Integer.toString(port), "--dir", dir.toString(),
                "--requirepass", PASSWORD, "--masterauth", PASSWORD, "--save", "", "--appendonly", "no",
                // A new replica syncs at once, not after the default 5 s wait for others.
                "--repl-diskless-sync-delay", "0",
                "--pidfile", dir.resolve("redis.pid").toString(), "--logfile", dir.resolve("redis.log").toString()));
        command.addAll(extra);
        servers.put(port, launch(command, dir));
        waitFor(Duration.ofSeconds(20), () -> answers(port), "redis-server on port " + port);
    }

    private void startSentinel(String name, int port, int master) {
        Path dir = directory(name);
        Path config = dir.resolve("sentinel.conf");
        try {
            // Sentinel rewrites its configuration file as it learns, so each has a file of its own.
            Files.writeString(config, String.join("\n",
                    "bind 127.0.0.1",
                    "port " + port,
                    "dir " + dir,
                    "pidfile " + dir.resolve("redis.pid"),
                    "logfile " + dir.resolve("sentinel.log"),
                    "requirepass " + PASSWORD,
                    "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master + " 2",
                    "sentinel auth-pass " + MASTER_NAME + " " + PASSWORD,
                    "sentinel sentinel-pass " + PASSWORD,
                    "sentinel down-after-milliseconds " + MASTER_NAME + " 2000",
                    "sentinel failover-timeout " + MASTER_NAME + " 4000",
                    ""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        sentinels.put(port, launch(List.of("redis-server", config.toString(), "--sentinel"), dir));
        waitFor(Duration.ofSeconds(20), () -> answers(port), "redis-sentinel on port " + port);
    }

    private Path directory(String name) {
        Path dir = TestServices.separateDirectory(name);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        dirs.add(dir);
        return dir;
    }

    private static Process launch(List<String> command, Path dir) {
        try {
            return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("output.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " did not start", e);
        }
    }

    private static boolean answers(int port) {
        try (Jedis jedis = new Jedis("127.0.0.1", port, config())) {
            return "PONG".equals(jedis.ping());
        } catch (JedisException e) {
            return false;
        }
    }

    private static void waitFor(Duration limit, java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (JedisException | IllegalStateException notYet) {
                // starting or switching over
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private void stopAll() {
        List<Process> all = new ArrayList<>(sentinels.values());
        all.addAll(servers.values());
        all.forEach(Process::destroy);
        for (Process process : all) {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        } catch (IllegalStateException exiting) {
            // the hook runs anyway
        }
        dirs.stream().filter(Files::isDirectory).forEach(TestServices::deleteTree);
    }
}
