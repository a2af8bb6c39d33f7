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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * The Redis connection pool. Callers that can live without Redis (cache, rate limits) use
 * {@link #orElse}, which logs a throttled warning and falls back; the rest let the failure through.
 * After a failure Redis is not tried again for a short while, so that requests do not each wait
 * for a time-out while it is down.
 * <p>
 * A {@code rediss://} URL connects over TLS and checks that the server's certificate names the
 * host of the URL; the certificate must be signed by the CA in the given PEM file, or, without
 * one, by an authority the Java runtime trusts.
 */
public final class Redis implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Redis.class.getName());
    private static final long WARNING_INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();
    private static final long RETRY_AFTER_NANOS = Duration.ofSeconds(2).toNanos();

    private final JedisPooled jedis;
    private final LongConsumer callTimes;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);
    private final AtomicLong lastFailure = new AtomicLong(System.nanoTime() - RETRY_AFTER_NANOS);

    public Redis(String url, Duration timeout) {
        this(url, timeout, null);
    }

    public Redis(String url, Duration timeout, Path caFile) {
        this(url, timeout, caFile, nanos -> { });
    }

    /**
     * {@code caFile}: the PEM certificate(s) a {@code rediss://} server must be signed by; null for the runtime's own.
     * {@code callTimes} receives the duration of every call, in nanoseconds.
     */
    public Redis(String url, Duration timeout, Path caFile, LongConsumer callTimes) {
        this.callTimes = callTimes;
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(64);
        pool.setMaxIdle(64);
        pool.setMinIdle(4);
        pool.setMaxWait(timeout);
        pool.setJmxEnabled(false);
        URI uri = URI.create(url);
        int millis = (int) timeout.toMillis();
        if (JedisURIHelper.isRedisSSLScheme(uri)) {
            // Jedis checks no host name by itself: the TLS layer does, as for HTTPS.
            SSLParameters parameters = new SSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            this.jedis = new JedisPooled(pool, uri, millis, socketFactory(caFile), parameters, null);
        } else {
            this.jedis = new JedisPooled(pool, uri, millis);
        }
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
    public <T> T call(Function<JedisPooled, T> command) {
        if (System.nanoTime() - lastFailure.get() < RETRY_AFTER_NANOS) {
            throw new JedisConnectionException("Redis was unavailable moments ago");
        }
        long start = System.nanoTime();
        try {
            return command.apply(jedis);
        } catch (JedisConnectionException e) {
            lastFailure.set(System.nanoTime());
            throw e;
        } finally {
            callTimes.accept(System.nanoTime() - start);
        }
    }

    /** Runs a command, or returns the fallback (with a warning in the log) when Redis is unavailable. */
    public <T> T orElse(String purpose, Function<JedisPooled, T> command, Supplier<T> fallback) {
        try {
            return call(command);
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
    public <T> T orElseWhenUnreachable(String purpose, Function<JedisPooled, T> command, Supplier<T> fallback) {
        try {
            return call(command);
        } catch (JedisConnectionException e) {
            warn(purpose, e);
            return fallback.get();
        }
    }

    public boolean isReachable() {
        try {
            return "PONG".equals(call(JedisPooled::ping));
        } catch (JedisException e) {
            return false;
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
        jedis.close();
    }
}
