package dev.inkwell.platform;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Tag("unit")
class ConnectionAttemptsTest {

    private static final Connection CONNECTION = (Connection) Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> null);

    @Test
    void noServerTakingWritesYetIsTriedAgainUntilOneDoes() throws SQLException {
        Source source = new Source(2, "08001");
        assertSame(CONNECTION, new ConnectionAttempts(source, Duration.ofSeconds(5)).getConnection());
        assertEquals(3, source.attempts.get());
    }

    @Test
    void aServerShuttingDownIsTriedAgain() throws SQLException {
        Source source = new Source(1, "57P03");
        assertSame(CONNECTION, new ConnectionAttempts(source, Duration.ofSeconds(5)).getConnection());
        assertEquals(2, source.attempts.get());
    }

    @Test
    void aRefusalThatWaitingDoesNotChangeFailsAtOnce() {
        Source source = new Source(Integer.MAX_VALUE, "28P01");
        SQLException refused = assertThrows(SQLException.class,
                                            () -> new ConnectionAttempts(source, Duration.ofSeconds(5)).getConnection());
        assertEquals("28P01", refused.getSQLState());
        assertEquals(1, source.attempts.get());
    }

    @Test
    void attemptsStopWhenThePatienceIsSpent() {
        Source source = new Source(Integer.MAX_VALUE, "08001");
        assertThrows(SQLException.class, () -> new ConnectionAttempts(source, Duration.ofMillis(600)).getConnection());
        // At 0, 250 and 500 ms; another pause would end past 600 ms.
        assertEquals(3, source.attempts.get());
    }

    /** Fails its first {@code failures} attempts with the SQLSTATE given, then connects. */
    private static final class Source implements DataSource {
        private final int failures;
        private final String state;
        private final AtomicInteger attempts = new AtomicInteger();

        Source(int failures, String state) {
            this.failures = failures;
            this.state = state;
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (attempts.incrementAndGet() <= failures) {
                throw new SQLException("refused", state);
            }
            return CONNECTION;
        }

        @Override
        public Connection getConnection(String username, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
