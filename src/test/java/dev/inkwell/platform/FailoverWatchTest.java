package dev.inkwell.platform;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import dev.inkwell.testing.TestServices;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failover watch against a real Redis standing in for a Sentinel: the events a Sentinel
 * publishes are published on it by hand, so that each way a hold ends can be shown on its own.
 */
class FailoverWatchTest {

    private static final HostAndPort OLD_MASTER = new HostAndPort("10.0.0.1", 6379);
    private static final HostAndPort NEW_MASTER = new HostAndPort("10.0.0.2", 6379);
    private static final String BEGUN = "master inkwell 10.0.0.1 6379";

    private final HostAndPort events = HostAndPort.from(URI.create(TestServices.get().newRedis()).getAuthority());
    private final AtomicReference<HostAndPort> master = new AtomicReference<>(OLD_MASTER);

    @Test
    void commandsWaitFromTheFailoversBeginningUntilTheClientHasMoved() throws Exception {
        try (FailoverWatch watch = watch(Duration.ofSeconds(30))) {
            publish("+try-failover", "master another 10.0.0.9 6379");
            assertReturns(watch, "another master's failover holds nothing");

            publish("+try-failover", BEGUN);
            CompletableFuture<Void> waiting = await(watch);
            assertWaits(waiting, "commands wait while the client has not moved");
            master.set(NEW_MASTER);
            waiting.get(5, TimeUnit.SECONDS);
            assertReturns(watch, "the hold is over once the client has moved");

            publish("+try-failover", BEGUN);
            assertReturns(watch, "news of a failover of the master the client has already left holds nothing");
        }
    }

    @Test
    void anAbortedFailoverEndsTheWaitAndTheOldMasterStays() throws Exception {
        try (FailoverWatch watch = watch(Duration.ofSeconds(30))) {
            publish("+try-failover", BEGUN);
            CompletableFuture<Void> waiting = await(watch);
            assertWaits(waiting, "commands wait once the failover has begun");
            publish("-failover-abort-no-good-slave", "master another 10.0.0.9 6379");
            assertWaits(waiting, "another master's abort does not end the wait");
            publish("-failover-abort-no-good-slave", BEGUN);
            waiting.get(5, TimeUnit.SECONDS);
            assertReturns(watch, "no wait after the abort, on the same master");
        }
    }

    @Test
    void aFailoverNeverAnnouncedHoldsCommandsForTheLongestHoldOnly() throws Exception {
        Duration longest = Duration.ofSeconds(2);
        try (FailoverWatch watch = watch(longest)) {
            long start = System.nanoTime();
            publish("+try-failover", BEGUN);
            CompletableFuture<Void> waiting = await(watch);
            waiting.get(10, TimeUnit.SECONDS);
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= longest.toMillis(), "the hold lasted " + waited + " ms");
            assertReturns(watch, "once expired, the hold is gone");
        }
    }

    private FailoverWatch watch(Duration longestHold) {
        awaitPatterns(0, "the previous test's watch did not unsubscribe");
        FailoverWatch watch = new FailoverWatch("inkwell", List.of(events), DefaultJedisClientConfig.builder().build(),
                                                master::get, longestHold);
        awaitPatterns(2, "the watch did not subscribe");
        return watch;
    }

    /** Until the server holds that many subscribed patterns: an event published before would go unheard. */
    private void awaitPatterns(long count, String failure) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Jedis jedis = new Jedis(events)) {
            while (jedis.pubsubNumPat() != count) {
                assertTrue(System.nanoTime() < deadline, failure);
                sleep(20);
            }
        }
    }

    private void publish(String channel, String message) {
        try (Jedis jedis = new Jedis(events)) {
            assertTrue(jedis.publish(channel, message) > 0, "someone heard " + channel);
        }
        // The watch hears it on its own thread.
        sleep(200);
    }

    private static CompletableFuture<Void> await(FailoverWatch watch) {
        return CompletableFuture.runAsync(() -> {
            try {
                watch.awaitNewMaster();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static void assertWaits(CompletableFuture<Void> waiting, String message) {
        assertThrows(TimeoutException.class, () -> waiting.get(500, TimeUnit.MILLISECONDS), message);
        assertFalse(waiting.isDone(), message);
    }

    private static void assertReturns(FailoverWatch watch, String message) {
        assertDoesNotThrow(() -> await(watch).get(1, TimeUnit.SECONDS), message);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
