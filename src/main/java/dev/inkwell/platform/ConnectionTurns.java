package dev.inkwell.platform;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Hands out pooled connections in the order requests asked for them. HikariCP lets a request that
 * arrives just as a connection comes back take it ahead of those already waiting, so under load a
 * few requests wait many times longer than the rest. A fair semaphore with one permit per pooled
 * connection queues them first come, first served; HikariCP then never has a waiter of its own.
 */
final class ConnectionTurns {

    /** What the waits are reported to: each wait's length, and the waits that gave up. */
    interface Waits {
        Waits NONE = new Waits() {
            @Override
            public void waited(long nanos) {
            }

            @Override
            public void gaveUp() {
            }
        };

        void waited(long nanos);

        void gaveUp();
    }

    private final Semaphore turns;
    private final Duration timeout;
    private final Waits waits;

    ConnectionTurns(int poolSize, Duration timeout, Waits waits) {
        this.turns = new Semaphore(poolSize, true);
        this.timeout = timeout;
        this.waits = waits;
    }

    /** Requests waiting for their turn. */
    int waiting() {
        return turns.getQueueLength();
    }

    /**
     * A pooled connection once it is this request's turn. {@code pool} gets the connection and must
     * run the given hand-over when that connection is closed: the turn then passes on (once, however
     * often it runs). Throws {@link DatabaseUnavailableException} when no turn comes within the time-out.
     */
    Connection take(Function<Runnable, Connection> pool) {
        long started = System.nanoTime();
        boolean acquired;
        try {
            acquired = turns.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException(e);
        }
        if (!acquired) {
            waits.gaveUp();
            throw new DatabaseUnavailableException(new SQLTransientConnectionException(
                    "no pooled connection within " + timeout.toMillis() + " ms"));
        }
        AtomicBoolean passed = new AtomicBoolean();
        Runnable passOn = () -> {
            if (passed.compareAndSet(false, true)) {
                turns.release();
            }
        };
        Connection connection;
        try {
            connection = pool.apply(passOn);
        } catch (RuntimeException | Error e) {
            passOn.run();
            throw e;
        }
        waits.waited(System.nanoTime() - started);
        return connection;
    }
}
