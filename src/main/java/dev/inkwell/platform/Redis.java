package dev.inkwell.platform;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * The Redis connection pool. Callers that can live without Redis (cache, rate limits) use
 * {@link #orElse}, which logs a throttled warning and falls back; the rest let the failure through.
 * After a call found Redis unreachable, the calls of the next moments fail at once, so that
 * requests do not each wait for a time-out while it is down; one call at a time still tries,
 * and the first that succeeds ends that at once.
 * <p>
 * With Sentinels, the master is asked of them and followed through failovers. Once a failover
 * begins, commands wait (for up to {@link FailoverWatch#LONGEST_HOLD}, less if it is aborted) until
 * the client has moved to the new master, so that none is written to the old one and lost. A
 * command that meets a failover all the same (a broken connection, a time-out, or the old master
 * refusing writes) is tried again for up to {@link #FAILOVER_RETRY_WINDOW}, so a switchover costs
 * latency, not failed requests.
 * Such a command may then run twice: every command of Inkwell may (a rate-limit count at worst one
 * too high, a refresh token rotated twice answers as a retry within its grace period).
 * <p>
 * A {@code rediss://} URL connects over TLS and checks that the server's certificate names the
 * host connected to (the URL's, or the master's address as the Sentinels give it, and each
 * Sentinel's); the certificate must be signed by the CA in the given PEM file, or, without one,
 * by an authority the Java runtime trusts.
 */
public final class Redis implements AutoCloseable {

    /** How long a command that met a failover is tried again; only through Sentinels. */
    static final Duration FAILOVER_RETRY_WINDOW = Duration.ofSeconds(3);

    private static final System.Logger LOG = System.getLogger(Redis.class.getName());
    private static final long WARNING_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();
    private static final long RETRY_AFTER_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long LONGEST_PAUSE_MILLIS = 500;

    private final Supplier<UnifiedJedis> connect;
    /** Null without Sentinels. */
    private final FailoverWatch watch;
    private final long retryWindowNanos;
    private final LongConsumer callTimes;
    private final ReentrantLock connecting = new ReentrantLock();
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);
    private final AtomicLong lastFailure = new AtomicLong(System.nanoTime() - RETRY_AFTER_NANOS);
    /** Null until the Sentinels have named the master. */
    private volatile UnifiedJedis jedis;

    public Redis(String url, Duration timeout) {
        this(url, timeout, null);
    }

    public Redis(String url, Duration timeout, Path caFile) {
        this(url, timeout, caFile, nanos -> { });
    }

    public Redis(String url, Duration timeout, Path caFile, LongConsumer callTimes) {
        this(url, List.of(), null, timeout, caFile, callTimes);
    }

    public Redis(RedisSettings settings, LongConsumer callTimes) {
        this(settings.url(), settings.sentinels(), settings.masterName(), settings.timeout(), settings.caFile(),
             callTimes);
    }

    /**
     * {@code sentinels}: where to ask for the master called {@code masterName}; empty for the one
     * Redis at the URL's address. With Sentinels the URL gives only the scheme, the credentials and
     * the database; the Sentinels are asked with the same password and TLS settings.
     * {@code caFile}: the PEM certificate(s) a {@code rediss://} server must be signed by; null for the runtime's own.
     * {@code callTimes} receives the duration of every call, in nanoseconds.
     */
    public Redis(String url, List<HostAndPort> sentinels, String masterName, Duration timeout, Path caFile,
                 LongConsumer callTimes) {
        this.callTimes = callTimes;
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(64);
        pool.setMaxIdle(64);
        pool.setMinIdle(4);
        pool.setMaxWait(timeout);
        pool.setJmxEnabled(false);
        URI uri = URI.create(url);
        int millis = (int) timeout.toMillis();
        SSLSocketFactory tls = JedisURIHelper.isRedisSSLScheme(uri) ? socketFactory(caFile) : null;
        if (sentinels.isEmpty()) {
            JedisPooled direct = tls == null
                    ? new JedisPooled(pool, uri, millis)
                    : new JedisPooled(pool, uri, millis, tls, hostChecked(), null);
            this.connect = () -> direct;
            this.watch = null;
            this.retryWindowNanos = 0;
            this.jedis = direct;
        } else {
            JedisClientConfig master = clientConfig(uri, millis, tls, true);
            JedisClientConfig sentinel = clientConfig(uri, millis, tls, false);
            var addresses = new LinkedHashSet<>(sentinels);
            this.connect = () -> new JedisSentineled(masterName, master, pool, addresses, sentinel);
            this.watch = new FailoverWatch(masterName, addresses, sentinel, this::currentMaster);
            this.retryWindowNanos = FAILOVER_RETRY_WINDOW.toNanos();
            try {
                this.jedis = connect.get();
            } catch (JedisException e) {
                // Inkwell runs without Redis; the first call that needs it asks the Sentinels again.
                LOG.log(Level.WARNING, "Redis master " + masterName + " not found yet: " + e.getMessage());
            }
        }
    }

    /** A master's client (user, password, database) or a Sentinel's (the same password only). */
    private static JedisClientConfig clientConfig(URI uri, int millis, SSLSocketFactory tls, boolean master) {
        var config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis)
                .password(JedisURIHelper.getPassword(uri));
        if (master) {
            config.user(JedisURIHelper.getUser(uri)).database(JedisURIHelper.getDBIndex(uri));
        }
        if (tls != null) {
            config.ssl(true).sslSocketFactory(tls).sslParameters(hostChecked());
        }
        return config.build();
    }

    /** Jedis checks no host name by itself: the TLS layer does, as for HTTPS. */
    private static SSLParameters hostChecked() {
        SSLParameters parameters = new SSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        return parameters;
    }

    private static SSLSocketFactory socketFactory(Path caFile) {
        if (caFile == null) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        try (InputStream pem = Files.newInputStream(caFile)) {
            Collection<? extends Certificate> certificates =
                    CertificateFactory.getInstance("X.509").generateCertificates(pem);
            if (certificates.isEmpty()) {
                throw new Settings.InvalidSettingsException("REDIS_CA_FILE holds no PEM certificate: " + caFile);
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + index++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new Settings.InvalidSettingsException(
                    "REDIS_CA_FILE must be a readable PEM certificate file (" + caFile + "): " + e.getMessage());
        }
    }

    /** Runs a command that must succeed; a Redis failure propagates (and answers 503). */
    public <T> T call(Function<UnifiedJedis, T> command) {
        return run(command, retryWindowNanos);
    }

    /**
     * Runs a command, or returns the fallback (with a warning in the log) when Redis is unavailable.
     * Not retried through a failover: the fallback costs less than the wait.
     */
    public <T> T orElse(String purpose, Function<UnifiedJedis, T> command, Supplier<T> fallback) {
        try {
            return run(command, 0);
        } catch (JedisException e) {
            warn(purpose, e);
            return fallback.get();
        }
    }

    /**
     * Runs a command, or returns the fallback (with a warning) only when Redis cannot be reached.
     * Any other failure, such as a full Redis refusing writes, propagates: for limits that protect
     * accounts, "Redis is down" may let requests through, but "Redis refused to count" must not.
     */
    public <T> T orElseWhenUnreachable(String purpose, Function<UnifiedJedis, T> command, Supplier<T> fallback) {
        try {
            return call(command);
        } catch (JedisConnectionException e) {
            warn(purpose, e);
            return fallback.get();
        }
    }

    /** Whether Redis answers now; tried once, never retried. */
    public boolean isReachable() {
        try {
            return "PONG".equals(run(UnifiedJedis::ping, 0));
        } catch (JedisException e) {
            return false;
        }
    }

    /**
     * Reads the answers of pipelined writes whose values nobody needs, so that a refused write
     * ({@code READONLY}, out of memory) fails the call (and is retried) instead of passing unnoticed.
     */
    public static void requireAll(List<? extends Response<?>> responses) {
        responses.forEach(Response::get);
    }

    /**
     * Runs the command, again after a short pause while it meets a failover, for up to
     * {@code retryWindow} in all. While Redis was found unreachable moments ago, one call at a time
     * tries it once and the others fail at once; the first success ends that.
     */
    private <T> T run(Function<UnifiedJedis, T> command, long retryWindow) {
        boolean probe = System.nanoTime() - lastFailure.get() < RETRY_AFTER_NANOS;
        if (probe && !probing.compareAndSet(false, true)) {
            throw new JedisConnectionException("Redis was unavailable moments ago");
        }
        long start = System.nanoTime();
        try {
            for (int attempt = 0; ; attempt++) {
                try {
                    if (!probe) {
                        awaitNewMaster();
                    }
                    T result = command.apply(client());
                    recovered();
                    return result;
                } catch (JedisException e) {
                    boolean unreachable = isUnreachable(e);
                    if (!unreachable && !isRefusedForFailover(e)) {
                        throw e;
                    }
                    long pauseMillis = Math.min(LONGEST_PAUSE_MILLIS, 50L << Math.min(attempt, 4));
                    long elapsed = System.nanoTime() - start;
                    if (probe || elapsed + TimeUnit.MILLISECONDS.toNanos(pauseMillis) > retryWindow) {
                        if (unreachable) {
                            lastFailure.set(System.nanoTime());
                        }
                        throw e;
                    }
                    pause(pauseMillis, e);
                }
            }
        } finally {
            if (probe) {
                probing.set(false);
            }
            callTimes.accept(System.nanoTime() - start);
        }
    }

    /**
     * The client, once the master is known. Only one caller at a time asks the Sentinels; the
     * others meanwhile count as unable to reach Redis (and retry).
     */
    private UnifiedJedis client() {
        UnifiedJedis current = jedis;
        if (current != null) {
            return current;
        }
        if (!connecting.tryLock()) {
            throw new JedisConnectionException("the Redis master is being asked of the Sentinels");
        }
        try {
            if (jedis == null) {
                jedis = connect.get();
            }
            return jedis;
        } finally {
            connecting.unlock();
        }
    }

    /** While a failover begins, commands wait for the new master rather than write to the old one. */
    private void awaitNewMaster() {
        if (watch == null) {
            return;
        }
        try {
            watch.awaitNewMaster();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JedisConnectionException("interrupted while waiting for the new Redis master", e);
        }
    }

    /** The master commands go to, through Sentinels; null before it is known. */
    private HostAndPort currentMaster() {
        return jedis instanceof JedisSentineled sentineled ? sentineled.getCurrentMaster() : null;
    }

    private void recovered() {
        long now = System.nanoTime();
        long last = lastFailure.get();
        if (now - last < RETRY_AFTER_NANOS) {
            lastFailure.compareAndSet(last, now - RETRY_AFTER_NANOS);
        }
    }

    /**
     * A broken or refused connection; or a command that found the connection pool closed because
     * the master had just changed.
     */
    private static boolean isUnreachable(JedisException e) {
        return e instanceof JedisConnectionException || e.getCause() instanceof IllegalStateException;
    }

    /**
     * A write refused, not made, by an old master: turned replica ({@code READONLY}), or left without
     * the replicas that {@code min-replicas-to-write} asks for ({@code NOREPLICAS}).
     */
    private static boolean isRefusedForFailover(JedisException e) {
        String message = e instanceof JedisDataException ? String.valueOf(e.getMessage()) : "";
        return message.startsWith("READONLY") || message.startsWith("NOREPLICAS");
    }

    private static void pause(long millis, JedisException failure) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure;
        }
    }

    private void warn(String purpose, JedisException e) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.log(Level.WARNING, "Redis unavailable, " + purpose + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
        UnifiedJedis current = jedis;
        if (current != null) {
            current.close();
        }
    }
}
