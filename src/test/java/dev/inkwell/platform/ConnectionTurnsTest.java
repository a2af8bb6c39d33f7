package dev.inkwell.platform;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pooled connections go to requests in the order they asked, and every turn comes back. */
@Tag("unit")
class ConnectionTurnsTest {

    private static final Duration LONG = Duration.ofSeconds(10);

    private final AtomicInteger timeouts = new AtomicInteger();
    private final ConnectionTurns.Waits counted = new ConnectionTurns.Waits() {
        @Override
        public void waited(long nanos) {
        }

        @Override
        public void gaveUp() {
            timeouts.incrementAndGet();
        }
    };

    @Test
    void waitingRequestsGetTheConnectionInTheOrderTheyAsked() throws Exception {
        ConnectionTurns turns = new ConnectionTurns(1, LONG, counted);
        Connection held = turns.take(ConnectionTurnsTest::connection);
        List<Integer> served = Collections.synchronizedList(new ArrayList<>());
        List<Thread> waiting = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int request = i;
            waiting.add(Thread.startVirtualThread(() -> {
                try (Connection connection = turns.take(ConnectionTurnsTest::connection)) {
                    served.add(request);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
            while (turns.waiting() < i + 1) {
                Thread.onSpinWait();
            }
        }
        held.close();
        for (Thread thread : waiting) {
            thread.join(LONG);
        }
        assertEquals(List.of(0, 1, 2, 3, 4), served);
    }

    @Test
    void noTurnWithinTheTimeOutIsAnUnavailableDatabase() throws Exception {
        ConnectionTurns turns = new ConnectionTurns(1, Duration.ofMillis(50), counted);
        try (Connection held = turns.take(ConnectionTurnsTest::connection)) {
            DatabaseUnavailableException failure = assertThrows(DatabaseUnavailableException.class,
                                                                () -> turns.take(ConnectionTurnsTest::connection));
            assertTrue(ErrorMapper.isPoolTimeout(failure));
            assertEquals(1, timeouts.get());
        }
    }

    @Test
    void closingTwicePassesTheTurnOnOnce() throws Exception {
        ConnectionTurns turns = new ConnectionTurns(1, Duration.ofMillis(50), counted);
        Connection first = turns.take(ConnectionTurnsTest::connection);
        first.close();
        first.close();
        Connection second = turns.take(ConnectionTurnsTest::connection);
        assertThrows(DatabaseUnavailableException.class, () -> turns.take(ConnectionTurnsTest::connection));
        second.close();
    }

    @Test
    void aPoolThatFailsGivesTheTurnBack() throws Exception {
        ConnectionTurns turns = new ConnectionTurns(1, Duration.ofMillis(50), counted);
        assertThrows(DatabaseUnavailableException.class, () -> turns.take(passOn -> {
            throw new DatabaseUnavailableException(new SQLException("connection refused"));
        }));
        turns.take(ConnectionTurnsTest::connection).close();
        assertEquals(0, timeouts.get());
    }

    /** A connection that does nothing but hand the turn over when it is closed, as the pool's does. */
    private static Connection connection(Runnable passOn) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                                                   (proxy, method, arguments) -> {
                                                       if (method.getName().equals("close")) {
                                                           passOn.run();
                                                       }
                                                       return null;
                                                   });
    }
}
