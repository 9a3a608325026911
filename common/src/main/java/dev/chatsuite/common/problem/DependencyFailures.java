package dev.chatsuite.common.problem;

import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a database that is down from a bug: connection refused or lost, the pool's wait for a
 * connection timing out, or PostgreSQL refusing connections (SQLSTATE 08, 53300, 57P01-03), found
 * anywhere in the cause chain (Hibernate Reactive and Mutiny wrap them). Such failures are a 503
 * with Retry-After, not a 500. Vert.x SQL classes are matched by name: the gateway, which also
 * uses this module, has no SQL client on its class path.
 */
public final class DependencyFailures {

    public static final String DATABASE_TYPE = "database-unavailable";
    public static final String DATABASE_DETAIL = "The database is unreachable right now; retry later.";
    /** Seconds a client should wait before retrying after a 503. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final Set<String> CONNECTION_LOST = Set.of(
            "io.vertx.sqlclient.ClosedConnectionException",
            "io.vertx.pgclient.impl.PgSocketConnection$ClosedException");
    private static final Set<String> LOST_MESSAGES = Set.of("Connection is not active now", "Pool closed",
            "Timeout waiting for connection", "Connection closed");
    private static final int MAX_DEPTH = 16;

    private DependencyFailures() {
    }

    /** Whether {@code failure} means the database (or the connection to it) is unavailable. */
    public static boolean isDatabaseUnavailable(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (isUnavailableCause(current)) {
                return true;
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return false;
    }

    private static boolean isUnavailableCause(Throwable e) {
        if (e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof UnknownHostException
                || e instanceof ClosedChannelException) {
            return true;
        }
        String message = e.getMessage();
        if (e instanceof TimeoutException && message != null && message.toLowerCase(java.util.Locale.ROOT).contains("connection")) {
            return true;
        }
        if (CONNECTION_LOST.contains(e.getClass().getName())) {
            return true;
        }
        if (message != null && LOST_MESSAGES.contains(message) && e.getClass().getName().startsWith("io.vertx.")) {
            return true;
        }
        String state = sqlState(e);
        return state != null && (state.startsWith("08") || state.equals("53300") || state.startsWith("57P0"));
    }

    /** The SQLSTATE of a Vert.x DatabaseException (PgException) or a JDBC SQLException, else null. */
    private static String sqlState(Throwable e) {
        if (e instanceof java.sql.SQLException sql) {
            return sql.getSQLState();
        }
        for (Class<?> type = e.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals("io.vertx.sqlclient.DatabaseException")) {
                try {
                    Method method = type.getMethod("getSqlState");
                    Object state = method.invoke(e);
                    return state == null ? null : state.toString();
                } catch (ReflectiveOperationException | RuntimeException unreadable) {
                    return null;
                }
            }
        }
        return null;
    }
}
