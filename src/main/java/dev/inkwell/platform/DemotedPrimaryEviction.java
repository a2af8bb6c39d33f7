package dev.inkwell.platform;

import java.lang.System.Logger.Level;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Empties the connection pool when PostgreSQL refuses a write as "read-only transaction" (SQLSTATE
 * 25006). The app only ever asks for the primary, so that answer means the server its pooled
 * connections lead to was demoted by a failover: every one of them is stale, and the idle ones would
 * go on serving reads from a server that no longer receives writes. The pool replaces them (idle
 * ones at once, those in use when they come back) with connections the driver opens to the new
 * primary.
 *
 * <p>HikariCP 5 cannot be told to evict on a state it does not consider fatal itself (its
 * {@code SQLExceptionOverride} can only veto an eviction), so the statements are watched here.
 */
final class DemotedPrimaryEviction {

    private static final System.Logger LOG = System.getLogger(DemotedPrimaryEviction.class.getName());
    private static final String READ_ONLY_TRANSACTION = "25006";

    private final Runnable evictAll;

    /** {@code evictAll} replaces every pooled connection, in use or idle. */
    DemotedPrimaryEviction(Runnable evictAll) {
        this.evictAll = evictAll;
    }

    /**
     * The pooled connection, with statements that report a read-only server; {@code closed} runs
     * once the connection has been closed (the one wrapper a connection gets, as it sits on every call).
     */
    Connection watch(Connection connection, Runnable closed) {
        Results statements = (method, result) ->
                result instanceof Statement statement ? watchStatement(method.getReturnType(), statement) : result;
        return proxy(Connection.class, connection, (method, result) -> {
            if (method.getName().equals("close")) {
                closed.run();
            }
            return statements.wrap(method, result);
        });
    }

    private Object watchStatement(Class<?> type, Statement statement) {
        if (type == CallableStatement.class) {
            return proxy(CallableStatement.class, (CallableStatement) statement, (method, result) -> result);
        }
        if (type == PreparedStatement.class) {
            return proxy(PreparedStatement.class, (PreparedStatement) statement, (method, result) -> result);
        }
        return proxy(Statement.class, statement, (method, result) -> result);
    }

    private interface Results {
        Object wrap(Method method, Object result);
    }

    private <T> T proxy(Class<T> type, T target, Results results) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            try {
                return results.wrap(method, method.invoke(target, arguments));
            } catch (InvocationTargetException e) {
                Throwable failure = e.getCause();
                if (failure instanceof SQLException sql && isReadOnly(sql)) {
                    LOG.log(Level.WARNING, "PostgreSQL refused a write as read-only: the primary has changed;"
                                           + " replacing every pooled connection");
                    evictAll.run();
                }
                throw failure;
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    static boolean isReadOnly(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (READ_ONLY_TRANSACTION.equals(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
