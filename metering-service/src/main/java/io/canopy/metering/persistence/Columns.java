package io.canopy.metering.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows sent as one text array per column, for set-based statements ({@code unnest(?::uuid[], ...)}):
 * a poll batch is written or looked up in one round trip, whatever its size. Values are their text
 * form (PostgreSQL casts them, e.g. {@code ?::timestamptz[]}); null stays NULL.
 */
final class Columns {

    private final List<List<String>> columns = new ArrayList<>();
    private int rows;

    Columns(int count) {
        for (int i = 0; i < count; i++) {
            columns.add(new ArrayList<>());
        }
    }

    /** Adds one row; one value per column, in order. */
    Columns row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(values.length + " values for " + columns.size() + " columns");
        }
        for (int i = 0; i < values.length; i++) {
            columns.get(i).add(values[i] == null ? null : values[i].toString());
        }
        rows++;
        return this;
    }

    int rows() {
        return rows;
    }

    boolean isEmpty() {
        return rows == 0;
    }

    /** Binds column i to parameter {@code first + i}; returns the next free parameter index. */
    int bind(Connection c, PreparedStatement statement, int first) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            statement.setArray(first + i, c.createArrayOf("text", columns.get(i).toArray()));
        }
        return first + columns.size();
    }
}
