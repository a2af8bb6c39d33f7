package dev.inkwell.platform;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import javax.sql.DataSource;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbTransaction;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;

/**
 * The PostgreSQL connection pool and the Helidon DB client on top of it.
 * Owning the Hikari pool here lets migrations, health checks and metrics share it.
 */
public final class Database implements AutoCloseable {

    private static final Duration SOCKET_TIMEOUT_MARGIN = Duration.ofSeconds(3);

    private final HikariDataSource dataSource;
    private final DemotedPrimaryEviction demotedPrimaryEviction;
    private final DbClient client;

    /** A pool without metrics, for one-off work such as the schema check. */
    public Database(Settings settings) {
        this(settings, null);
    }

    /** A pool whose waits and statements {@code telemetry} times. */
    public Database(Settings settings, Telemetry telemetry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("inkwell");
        config.setJdbcUrl(settings.database().jdbcUrl());
        config.setUsername(settings.database().user());
        config.setPassword(settings.database().password());
        config.setMaximumPoolSize(settings.databasePoolSize());
        config.setMinimumIdle(Math.min(4, settings.databasePoolSize()));
        config.setConnectionTimeout(settings.databaseAcquireTimeout().toMillis());
        config.setValidationTimeout(Math.min(2000, settings.databaseAcquireTimeout().toMillis()));
        // Start even when PostgreSQL is down: requests answer 503 until it is back.
        config.setInitializationFailTimeout(-1);
        // Idle connections are checked in the background, so those to a server that went away are
        // replaced before a request picks them up (30 s is the least HikariCP takes).
        config.setKeepaliveTime(Duration.ofSeconds(30).toMillis());
        config.addDataSourceProperty("connectTimeout", String.valueOf(settings.databaseConnectTimeout().toSeconds()));
        // A server whose machine vanished sends no reset: without a read time-out a request would
        // wait for it for as long as the operating system keeps the connection (hours). A little
        // above the statement time-out, so a slow statement is still the server's to cancel.
        config.addDataSourceProperty("socketTimeout", String.valueOf(socketTimeoutSeconds(settings)));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "inkwell");
        // Every statement is bounded; the server cancels one that runs longer (SQLSTATE 57014).
        config.addDataSourceProperty("options",
                                     "-c statement_timeout=" + settings.databaseStatementTimeout().toMillis());
        JdbcClientBuilder client = JdbcClientBuilder.create().connectionPool(this::connection);
        if (telemetry != null) {
            config.setMetricsTrackerFactory(telemetry.poolWaits());
            client.addService(new StatementTimes(settings.databaseSlowQueryThreshold(), telemetry));
        }
        this.dataSource = new HikariDataSource(config);
        this.demotedPrimaryEviction = new DemotedPrimaryEviction(
                () -> dataSource.getHikariPoolMXBean().softEvictConnections());
        this.client = client.build();
    }

    /** Statement time-out plus a margin for the round trip and the cancel, in whole seconds as PgJDBC takes it. */
    static int socketTimeoutSeconds(Settings settings) {
        return (int) Math.ceil(settings.databaseStatementTimeout().plus(SOCKET_TIMEOUT_MARGIN).toMillis() / 1000.0);
    }

    private java.sql.Connection connection() {
        try {
            return demotedPrimaryEviction.watch(dataSource.getConnection());
        } catch (SQLException e) {
            throw new DatabaseUnavailableException(e);
        }
    }

    public DbClient client() {
        return client;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public HikariPoolMXBean pool() {
        return dataSource.getHikariPoolMXBean();
    }

    /** Runs work in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Function<DbTransaction, T> work) {
        DbTransaction tx = client.transaction();
        T result;
        try {
            result = work.apply(tx);
        } catch (RuntimeException | Error failure) {
            // A rollback on a dead connection fails too; the first failure is the one that explains.
            try {
                tx.rollback();
            } catch (RuntimeException rollbackFailure) {
                failure.addSuppressed(rollbackFailure);
            }
            throw failure;
        }
        tx.commit();
        return result;
    }

    /**
     * True when a connection can be had and answers within the given seconds. The pool may keep a
     * caller waiting longer than that, so the check runs on its own virtual thread.
     */
    public boolean isReachable(int timeoutSeconds) {
        FutureTask<Boolean> check = new FutureTask<>(() -> {
            try (var connection = dataSource.getConnection()) {
                return connection.isValid(timeoutSeconds);
            }
        });
        Thread.startVirtualThread(check);
        try {
            return check.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
