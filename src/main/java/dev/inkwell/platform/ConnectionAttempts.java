package dev.inkwell.platform;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Where the pool gets new connections: an attempt that finds no server taking writes (SQLSTATE class
 * 08: none reachable, or none promoted yet; 57P03: starting up or shutting down) is repeated every
 * {@link #PAUSE} for up to
 * {@code patience}. HikariCP itself backs off between failed attempts up to 10 s, so after a failover
 * requests would go on waiting that long with the new primary already up; here the pool reaches it
 * within a quarter second of its promotion. Refusals that waiting does not change (a wrong password,
 * a missing database) fail at once.
 */
final class ConnectionAttempts implements DataSource {

    static final Duration PAUSE = Duration.ofMillis(250);

    private final DataSource target;
    private final Duration patience;

    ConnectionAttempts(DataSource target, Duration patience) {
        this.target = target;
        this.patience = patience;
    }

    @Override
    public Connection getConnection() throws SQLException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                return target.getConnection();
            } catch (SQLException e) {
                if (!isConnectionFailure(e) || System.nanoTime() + PAUSE.toNanos() - deadline > 0) {
                    throw e;
                }
                try {
                    Thread.sleep(PAUSE);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P03"));
    }

    /** The pool is given no credentials of its own: the target has them. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the target data source holds the credentials");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return target.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        target.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        target.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return target.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return target.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || target.isWrapperFor(type);
    }
}
