package dev.inkwell.platform;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;
import io.helidon.dbclient.jdbc.JdbcClientBuilder;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL connection pool and the Helidon DB client on top of it.
 * Owning the Hikari pool here lets migrations, health checks and metrics share it.
 */
public final class Database implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Database.class.getName());
    private static final Duration SOCKET_TIMEOUT_MARGIN = Duration.ofSeconds(3);

    private final HikariDataSource dataSource;
    private final DemotedPrimaryEviction demotedPrimaryEviction;
    private final ConnectionTurns turns;
    private final StatementTimes statementTimes;
    private final DbClient client;
    private final Duration retryWindow;

    /** A pool without metrics, for one-off work such as the schema check. */
    public Database(DatabaseSettings settings) {
        this(settings, null);
    }

    /** A pool whose waits and statements {@code telemetry} times. */
    public Database(DatabaseSettings settings, Telemetry telemetry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("inkwell");
        config.setDataSource(new ConnectionAttempts(postgres(settings), settings.acquireTimeout()));
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(4, settings.poolSize()));
        config.setConnectionTimeout(settings.acquireTimeout().toMillis());
        config.setValidationTimeout(Math.min(2000, settings.acquireTimeout().toMillis()));
        // Start even when PostgreSQL is down: requests answer 503 until it is back.
        config.setInitializationFailTimeout(-1);
        // Idle connections are checked in the background, so those to a server that went away are
        // replaced before a request picks them up (30 s is the least HikariCP takes).
        config.setKeepaliveTime(Duration.ofSeconds(30).toMillis());
        JdbcClientBuilder client = JdbcClientBuilder.create().connectionPool(this::connection);
        this.statementTimes = telemetry == null ? null : new StatementTimes(settings.slowQueryThreshold(), telemetry);
        if (statementTimes != null) {
            client.addService(statementTimes);
        }
        this.turns = new ConnectionTurns(settings.poolSize(), settings.acquireTimeout(),
                                         telemetry == null ? ConnectionTurns.Waits.NONE : telemetry.poolWaits());
        this.dataSource = new HikariDataSource(config);
        this.demotedPrimaryEviction = new DemotedPrimaryEviction(
                () -> dataSource.getHikariPoolMXBean().softEvictConnections());
        this.client = client.build();
        this.retryWindow = settings.acquireTimeout();
    }

    private static PGSimpleDataSource postgres(DatabaseSettings settings) {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(settings.url().jdbcUrl());
        postgres.setUser(settings.url().user());
        postgres.setPassword(settings.url().password());
        postgres.setConnectTimeout((int) settings.connectTimeout().toSeconds());
        // A server whose machine vanished sends no reset: without a read time-out a request would
        // wait for it for as long as the operating system keeps the connection (hours). A little
        // above the statement time-out, so a slow statement is still the server's to cancel.
        postgres.setSocketTimeout(socketTimeoutSeconds(settings));
        postgres.setTcpKeepAlive(true);
        postgres.setApplicationName("inkwell");
        // Every statement is bounded; the server cancels one that runs longer (SQLSTATE 57014).
        postgres.setOptions("-c statement_timeout=" + settings.statementTimeout().toMillis());
        return postgres;
    }

    /** Statement time-out plus a margin for the round trip and the cancel, in whole seconds as PgJDBC takes it. */
    static int socketTimeoutSeconds(DatabaseSettings settings) {
        return (int) Math.ceil(settings.statementTimeout().plus(SOCKET_TIMEOUT_MARGIN).toMillis() / 1000.0);
    }

    private java.sql.Connection connection() {
        return turns.take(passOn -> {
            try {
                return demotedPrimaryEviction.watch(dataSource.getConnection(), passOn);
            } catch (SQLException e) {
                throw new DatabaseUnavailableException(e);
            }
        });
    }

    /** Requests waiting for a pooled connection to become theirs. */
    int waitingForConnection() {
        return turns.waiting();
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

    /**
     * Runs statements that may run twice (reads) outside a transaction. When the connection was lost
     * to a failover or a restart (see {@link #mayTryAgain}), they run again on a fresh one.
     */
    public <T> T read(Function<DbExecute, T> statements) {
        return readAgainWhenLost(() -> statements.apply(client.execute()));
    }

    /** Reads one column value after another from the current row of a result. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * Runs a read straight through JDBC, as {@link #read} does through the DB client, for the
     * article reads behind every list and article: the client describes every column of every row again (names, types, classes
     * looked up by name), which cost a list about a tenth of its time. Parameters are numbers,
     * strings and nulls; failures come as the client's own exception, so they are answered alike.
     */
    public <T> List<T> query(String query, RowReader<T> reader, Object... parameters) {
        return readAgainWhenLost(() -> {
            long started = System.nanoTime();
            try (Connection connection = connection();
                 PreparedStatement statement = connection.prepareStatement(query)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                List<T> rows = new ArrayList<>();
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(reader.read(result));
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw new DbClientException("Query failed: " + e.getMessage(), e);
            } finally {
                if (statementTimes != null) {
                    statementTimes.record("query", System.nanoTime() - started);
                }
            }
        });
    }

    private <T> T readAgainWhenLost(Supplier<T> read) {
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (RuntimeException failure) {
                if (!mayTryAgain(failure, attempt, started)) {
                    throw failure;
                }
            }
        }
    }

    /**
     * Runs work in one transaction: committed when it returns, rolled back when it throws. Work that
     * lost its connection before the commit changed nothing and runs again on a fresh one; a
     * connection lost during the commit leaves its outcome unknown, so that is never repeated.
     */
    public <T> T inTransaction(Function<DbTransaction, T> work) {
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
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
                if (failure instanceof RuntimeException e && mayTryAgain(e, attempt, started)) {
                    continue;
                }
                throw failure;
            }
            tx.commit();
            return result;
        }
    }

    /**
     * Whether work that failed may run once more: its connection was lost (SQLSTATE class 08, 57P:
     * the server shut down or restarted; 25006: a demoted primary), this was its first attempt, and
     * it began less than the acquire time-out ago (a request waits for a pooled connection at most
     * about twice that). Every pooled connection is replaced first, since those idle beside the lost
     * one led to the same server; the next attempt waits for a connection to the primary there is now.
     */
    private boolean mayTryAgain(RuntimeException failure, int attempt, long started) {
        if (attempt > 1 || !ErrorMapper.isUnavailable(failure) || ErrorMapper.isPoolTimeout(failure)
            || System.nanoTime() - started > retryWindow.toNanos()) {
            return false;
        }
        LOG.log(Level.INFO, "PostgreSQL connection lost (" + ErrorMapper.rootMessage(failure)
                            + "); replacing the pooled connections and trying once more");
        dataSource.getHikariPoolMXBean().softEvictConnections();
        return true;
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
