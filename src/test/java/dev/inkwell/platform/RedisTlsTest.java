package dev.inkwell.platform;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.inkwell.testing.TestServices;
import redis.clients.jedis.HostAndPort;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redis over TLS, as between the hosts of a production set-up: a real redis-server serving TLS
 * only, with a certificate for 127.0.0.1 signed by a CA that openssl makes here.
 */
class RedisTlsTest {

    private static final String PASSWORD = "a-redis-password-for-tls";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    static Path dir;
    private static Process server;
    private static int port;

    @BeforeAll
    static void startRedisWithTls() throws Exception {
        certificateAuthority("ca");
        certificateAuthority("other-ca");
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                "-keyout", "redis.key", "-out", "redis.csr");
        openssl("x509", "-req", "-in", "redis.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-copy_extensions", "copy", "-out", "redis.crt");
        port = TestServices.freePorts(1)[0];
        // Listens on two loopback addresses; the certificate names only the first.
        server = new ProcessBuilder("redis-server", "--port", "0", "--tls-port", Integer.toString(port),
                                    "--bind", "127.0.0.1", "127.0.0.2",
                                    "--tls-cert-file", "redis.crt", "--tls-key-file", "redis.key",
                                    "--tls-ca-cert-file", "ca.crt", "--tls-auth-clients", "no",
                                    "--requirepass", PASSWORD, "--save", "", "--appendonly", "no",
                                    "--dir", dir.toString())
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!listening()) {
            if (System.nanoTime() > deadline || !server.isAlive()) {
                throw new IllegalStateException("redis-server with TLS did not start: see " + dir.resolve("redis.log"));
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopRedis() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void connectsWhenTheCertificateIsSignedByTheGivenCaAndNamesTheHost() {
        try (Redis redis = new Redis(url("127.0.0.1"), TIMEOUT, dir.resolve("ca.crt"))) {
            assertTrue(redis.isReachable());
            redis.call(jedis -> jedis.set("tls", "works"));
            assertEquals("works", redis.call(jedis -> jedis.get("tls")));
        }
    }

    @Test
    void refusesAServerSignedByAnotherCa() {
        try (Redis redis = new Redis(url("127.0.0.1"), TIMEOUT, dir.resolve("other-ca.crt"))) {
            assertFalse(redis.isReachable());
        }
        try (Redis redis = new Redis(url("127.0.0.1"), TIMEOUT)) {
            assertFalse(redis.isReachable(), "the Java runtime's own authorities do not know the test CA");
        }
    }

    @Test
    void refusesACertificateForAnotherHost() {
        try (Redis redis = new Redis(url("127.0.0.2"), TIMEOUT, dir.resolve("ca.crt"))) {
            assertFalse(redis.isReachable());
        }
    }

    @Test
    void aFileWithoutCertificatesIsAClearSettingsError() throws IOException {
        Path empty = java.nio.file.Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
        var error = org.junit.jupiter.api.Assertions.assertThrows(Settings.InvalidSettingsException.class,
                () -> new Redis(url("127.0.0.1"), TIMEOUT, empty).close());
        assertTrue(error.getMessage().contains("REDIS_CA_FILE"), error.getMessage());
    }

    @Test
    void throughASentinelTheSamePasswordAndTlsSettingsReachSentinelAndMaster() throws Exception {
        int sentinelPort = TestServices.freePorts(1)[0];
        Path config = dir.resolve("sentinel.conf");
        java.nio.file.Files.writeString(config, String.join("\n",
                "bind 127.0.0.1", "port 0", "tls-port " + sentinelPort, "dir " + dir,
                "tls-cert-file redis.crt", "tls-key-file redis.key", "tls-ca-cert-file ca.crt",
                "tls-auth-clients no", "tls-replication yes", "requirepass " + PASSWORD,
                "sentinel monitor inkwell 127.0.0.1 " + port + " 1", "sentinel auth-pass inkwell " + PASSWORD, ""));
        Process sentinel = new ProcessBuilder("redis-server", config.toString(), "--sentinel")
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sentinel.log").toFile()).start();
        List<HostAndPort> sentinels = List.of(new HostAndPort("127.0.0.1", sentinelPort));
        try {
            // The address of the URL is not used: the Sentinel names the master.
            String url = "rediss://:" + PASSWORD + "@127.0.0.1:1";
            try (Redis redis = new Redis(url, sentinels, "inkwell", TIMEOUT, dir.resolve("ca.crt"), nanos -> { })) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!redis.isReachable()) {
                    assertTrue(System.nanoTime() < deadline && sentinel.isAlive(),
                               "no master through the Sentinel: see " + dir.resolve("sentinel.log"));
                    Thread.sleep(200);
                }
                redis.call(jedis -> jedis.set("through-sentinel", "works"));
                assertEquals("works", redis.call(jedis -> jedis.get("through-sentinel")));
            }
            try (Redis redis = new Redis(url, sentinels, "inkwell", TIMEOUT, dir.resolve("other-ca.crt"), nanos -> { })) {
                assertFalse(redis.isReachable(), "a Sentinel signed by another CA is not asked");
            }
            try (Redis redis = new Redis("rediss://:wrong@127.0.0.1:1", sentinels, "inkwell", TIMEOUT,
                                         dir.resolve("ca.crt"), nanos -> { })) {
                assertFalse(redis.isReachable(), "nor is one that refuses the password");
            }
        } finally {
            sentinel.destroy();
            sentinel.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String url(String host) {
        return "rediss://:" + PASSWORD + "@" + host + ":" + port;
    }

    private static boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void certificateAuthority(String name) throws Exception {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-days", "2", "-subj", "/CN=Inkwell test " + name, "-keyout", name + ".key", "-out", name + ".crt");
    }

    private static void openssl(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
