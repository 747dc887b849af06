package io.canopy.kit.jdbc;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** Null-safe parameter binding for the types our tables hold. */
public final class Params {

    private Params() {
    }

    public static void date(PreparedStatement ps, int index, LocalDate day) throws SQLException {
        if (day == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setDate(index, Date.valueOf(day));
        }
    }

    /** A month as its first day (how our {@code period} columns store months). */
    public static void month(PreparedStatement ps, int index, YearMonth month) throws SQLException {
        date(ps, index, month == null ? null : month.atDay(1));
    }

    /** A {@code timestamptz}: bound as an offset date-time in UTC, so no JVM time zone takes part. */
    public static void instant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, instant.atOffset(ZoneOffset.UTC));
        }
    }

    /** An enum by its constant name; null stays NULL. */
    public static void name(PreparedStatement ps, int index, Enum<?> value) throws SQLException {
        ps.setString(index, value == null ? null : value.name());
    }
}
