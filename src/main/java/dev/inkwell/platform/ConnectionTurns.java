package dev.inkwell.platform;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

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
     * A pooled connection once it is this request's turn; its turn passes on when it is closed.
     * Throws {@link DatabaseUnavailableException} when no turn comes within the time-out.
     */
    Connection take(Supplier<Connection> pool) {
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
        Connection connection;
        try {
            connection = pool.get();
        } catch (RuntimeException | Error e) {
            turns.release();
            throw e;
        }
        waits.waited(System.nanoTime() - started);
        return releasingOnClose(connection);
    }

    private Connection releasingOnClose(Connection connection) {
        AtomicBoolean released = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                    try {
                        return method.invoke(connection, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (method.getName().equals("close") && released.compareAndSet(false, true)) {
                            turns.release();
                        }
                    }
                });
    }
}
