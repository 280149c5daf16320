package dev.accord.eventstore;

import io.vertx.pgclient.PgException;
import org.hibernate.exception.ConstraintViolationException;

import java.sql.SQLException;

/**
 * Recognises the PostgreSQL errors Accord turns into answers rather than failures, whether
 * they arrive from the reactive client directly or wrapped by Hibernate Reactive.
 */
public final class PgErrors {

    private static final String UNIQUE_VIOLATION = "23505";

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

    private static boolean mentions(String message, String constraint) {
        return message != null && message.contains("\"" + constraint + "\"");
    }
}
