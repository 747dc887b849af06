package io.canopy.kit.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import io.canopy.kit.inbox.Failures.Kind;

class FailuresTest {

    @Test
    void anUnreadableRecordIsPoisonWhereverItIsWrapped() {
        assertThat(Failures.classify(new IllegalStateException(new UndecodableRecord("no ce_type", null))))
                .isEqualTo(Kind.POISON);
    }

    @Test
    void connectionLossAndConflictsAreTransient() {
        assertThat(Failures.classify(new SQLException("refused", "08001"))).isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(new SQLException("terminated by administrator", "57P01"))).isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(new SQLException("database is not accepting connections", "55000")))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(new SQLException("serialization failure", "40001"))).isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))))
                .isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void aStatelessSqlExceptionIsTransientOnlyWhenItSaysSo() {
        assertThat(Failures.classify(new SQLTransientConnectionException("gone"))).isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(new SQLException("I/O error", new ConnectException("refused"))))
                .isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(new SQLException("Bad value for type long"))).as("a driver/code error, not an outage")
                .isEqualTo(Kind.UNKNOWN);
        assertThat(Failures.classify(new SQLException("wraps", new SQLException("refused", "08006"))))
                .isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void contentTheDatabaseRejectsIsPoisonAndABugIsUnknown() {
        assertThat(Failures.classify(new SQLException("numeric out of range", "22003"))).isEqualTo(Kind.POISON);
        assertThat(Failures.classify(new SQLException("not-null violation", "23502"))).isEqualTo(Kind.POISON);
        assertThat(Failures.classify(new SQLException("duplicate key: a concurrent insert", "23505")))
                .as("a race a retry resolves, never a reason to dead-letter a good record").isEqualTo(Kind.TRANSIENT);
        assertThat(Failures.classify(new NullPointerException())).isEqualTo(Kind.UNKNOWN);
        assertThat(Failures.classify(new IOException("broken pipe"))).isEqualTo(Kind.TRANSIENT);
    }
}
