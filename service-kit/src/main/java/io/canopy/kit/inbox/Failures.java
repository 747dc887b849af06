package io.canopy.kit.inbox;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells a record's own fault from the world's, the one rule every consumer of ours follows:
 * <ul>
 * <li><b>poison</b>: the record cannot be read ({@link UndecodableRecord}: garbage, missing or unknown
 * {@code ce_type}, a body that fails its schema or lacks a required field) or the database rejects
 * its content (SQLSTATE class 22 data exception; class 23 integrity violation such as not-null or
 * check, but not the races below). Retrying cannot help: it is dead-lettered and the consumer goes
 * on;</li>
 * <li><b>transient</b>: PostgreSQL or Kafka unavailable or a conflict a retry resolves (SQLSTATE
 * classes 08 connection, 40 rollback, 23505/23503/23P01 races between concurrent writers, 53 resources, 55 not in prerequisite state (e.g. "database is
 * not currently accepting connections"), 57 operator intervention, 58 system error; without
 * SQLSTATE: a JDBC transient/recoverable/connection exception, one caused by an I/O error, or the
 * connection pool's acquisition timeout; a JTA system error; a retriable Kafka error). Retried with
 * backoff, never dead-lettered;</li>
 * <li><b>unknown</b>: anything else, including an SQLException without SQLSTATE that is not one of
 * the transient JDBC kinds (a driver or code error) and a bug in our code. A good record must never
 * be dead-lettered for our bug, so SmallRye consumers retry these like transient faults (readiness
 * DOWN says someone must look); metering, whose records belong to a request that a backfill can
 * replay, parks the one record that still fails on its own (DESIGN.md rule 6).</li>
 * </ul>
 */
public final class Failures {

    /**
     * Integrity violations a concurrent writer causes, not the record: 23505 unique (two channels
     * inserting the same row at once), 23503 foreign key (the referenced row's event not applied yet),
     * 23P01 exclusion. A retry resolves them.
     */
    private static final java.util.Set<String> RACES = java.util.Set.of("23505", "23503", "23P01");

    public enum Kind {
        POISON, TRANSIENT, UNKNOWN
    }

    private Failures() {
    }

    public static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UndecodableRecord) {
                return Kind.POISON;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state == null || state.length() < 2) {
                    if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException
                            || sql instanceof SQLNonTransientConnectionException || causedByIo(sql)
                            || poolTimedOut(sql)) {
                        return Kind.TRANSIENT;
                    }
                    continue; // a state-less SQLException may wrap a more telling cause
                }
                if (RACES.contains(state)) {
                    return Kind.TRANSIENT;
                }
                switch (state.substring(0, 2)) {
                    case "08", "40", "53", "55", "57", "58":
                        return Kind.TRANSIENT;
                    case "22", "23":
                        return Kind.POISON;
                    default:
                        return Kind.UNKNOWN;
                }
            }
            if (t instanceof IOException || t instanceof jakarta.transaction.SystemException
                    || t instanceof org.apache.kafka.common.errors.RetriableException
                    || t instanceof org.apache.kafka.common.errors.TimeoutException) {
                return Kind.TRANSIENT;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Kind.UNKNOWN;
    }

    public static boolean isPoison(Throwable failure) {
        return classify(failure) == Kind.POISON;
    }

    public static boolean isTransient(Throwable failure) {
        return classify(failure) == Kind.TRANSIENT;
    }

    /**
     * Agroal's "Sorry, acquisition timeout!" / "Acquisition timeout while waiting for new connection":
     * a plain SQLException without SQLSTATE, thrown while PostgreSQL is away or slow.
     */
    private static boolean poolTimedOut(SQLException sql) {
        String message = sql.getMessage();
        return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout");
    }

    private static boolean causedByIo(Throwable failure) {
        for (Throwable t = failure.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
