package io.canopy.metering.persistence;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;

import org.postgresql.PGConnection;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN} (text format), for append-only rows with no
 * conflict to resolve: no statement to plan, no array to build and parse per column, each value
 * sent once as it is. Used where values are large (a deposit's explanation) and the text-array
 * binding of {@link Columns} escaped and parsed every byte twice. Null is {@code \N}.
 */
final class CopyRows {

    private final StringBuilder text = new StringBuilder();
    private int rows;

    /** Adds one row; one value per column, in the order the COPY statement names them. */
    CopyRows row(Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append('\t');
            }
            if (values[i] == null) {
                text.append("\\N");
            } else {
                escape(values[i].toString());
            }
        }
        text.append('\n');
        rows++;
        return this;
    }

    boolean isEmpty() {
        return rows == 0;
    }

    /**
     * Copies the rows into the table through the caller's connection (so in its transaction).
     *
     * @param target the table and its columns, e.g. {@code deposit_explanation (deposit_id, body)}
     * @return the rows copied
     */
    long copyInto(Connection c, String target) throws SQLException {
        try {
            return c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + target + " FROM STDIN",
                    new StringReader(text.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException("cannot copy " + rows + " rows into " + target, "08006", e);
        }
    }

    /** Text format: backslash, tab, newline and carriage return are the characters COPY reads specially. */
    private void escape(String value) {
        int first = firstSpecial(value);
        if (first < 0) {
            text.append(value); // the common case (uuids, numbers, most bodies): one copy
            return;
        }
        text.append(value, 0, first);
        for (int i = first; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(ch);
            }
        }
    }

    private static int firstSpecial(String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
                return i;
            }
        }
        return -1;
    }
}
