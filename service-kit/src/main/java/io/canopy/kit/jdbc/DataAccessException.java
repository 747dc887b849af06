package io.canopy.kit.jdbc;

import java.sql.SQLException;

/**
 * A database operation failed. The message is a fixed description of what was attempted (and the
 * SQLSTATE, a five-character class code): never the driver's message, which can quote the values a
 * statement carried (a constraint violation repeats the row). The driver's exception stays the cause,
 * so {@code io.canopy.kit.inbox.Failures} still classifies it and a stack trace still shows it to an
 * operator who reads logs at that level.
 */
public class DataAccessException extends RuntimeException {

    private final String operation;

    /**
     * @param operation what was attempted, in words fixed by the code (ids are fine; data values are not)
     * @param cause     the driver's (or the row codec's) failure; may be null for a broken invariant
     */
    public DataAccessException(String operation, Exception cause) {
        super(message(operation, cause), cause);
        this.operation = operation;
    }

    /** The description given by the code, without the SQLSTATE. */
    public String operation() {
        return operation;
    }

    /** The SQLSTATE of the first SQLException in the cause chain, or null. */
    public String sqlState() {
        for (Throwable t = getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static String message(String operation, Exception cause) {
        if (cause instanceof SQLException sql && sql.getSQLState() != null) {
            return operation + " (SQLSTATE " + sql.getSQLState() + ")";
        }
        return operation;
    }
}
