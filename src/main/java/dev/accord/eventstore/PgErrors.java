package dev.accord.eventstore;

import io.vertx.pgclient.PgException;
import org.hibernate.exception.ConstraintViolationException;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Recognises the PostgreSQL errors Accord turns into answers rather than failures, whether
 * they arrive from the reactive client directly or wrapped by Hibernate Reactive.
 */
public final class PgErrors {

    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * SQLSTATEs that say "not now" rather than "never": the same statement can succeed once the
     * lock is free, the conflicting transaction is gone or the server accepts connections again.
     * Classes 08 (connection), 53 (insufficient resources: too many connections, out of memory or
     * disk) and 57P (the server shutting down or starting) hold as a whole.
     */
    private static final Set<String> TRANSIENT_STATES = Set.of(
            "40001", // serialization_failure
            "40P01", // deadlock_detected
            "55P03", // lock_not_available (lock_timeout)
            "57014"  // query_canceled (statement_timeout)
    );

    private PgErrors() {
    }

    public static boolean isUniqueViolation(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConstraintViolationException violation && violation.getConstraintName() != null) {
                return violation.getConstraintName().equals(constraint);
            }
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return constraint.equals(pg.getConstraint()) || mentions(pg.getErrorMessage(), constraint);
            }
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return mentions(sql.getMessage(), constraint);
            }
        }
        return false;
    }

    /**
     * Whether {@code failure} is PostgreSQL being unavailable or contended (a lost connection, a
     * lock or statement timeout, a serialization failure, a deadlock, too many connections)
     * rather than something wrong with what was asked of it. A transient failure is worth
     * retrying as it is; anything else would fail the same way again.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = t instanceof PgException pg ? pg.getSqlState()
                    : t instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null) {
                return isTransientState(state);
            }
            if (t instanceof IOException || t instanceof TimeoutException
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException || isPoolGivingUp(t)) {
                return true;
            }
        }
        return false;
    }

    /*
     * The pool gives up waiting for a connection with a bare "Timeout" (acquiring one) or
     * "Timeout waiting for connection" (a query on the pool); a statement sent on a connection
     * the server has just closed fails as "not active".
     */
    private static boolean isPoolGivingUp(Throwable t) {
        String message = String.valueOf(t.getMessage());
        return t.getClass().getName().equals("io.vertx.core.impl.NoStackTraceThrowable")
                && (message.equals("Timeout") || message.startsWith("Connection is not active now"))
                || message.equals("Timeout waiting for connection");
    }

    static boolean isTransientState(String state) {
        return TRANSIENT_STATES.contains(state) || state.startsWith("08") || state.startsWith("53")
                || state.startsWith("57P");
    }

    private static boolean mentions(String message, String constraint) {
        return message != null && message.contains("\"" + constraint + "\"");
    }
}
