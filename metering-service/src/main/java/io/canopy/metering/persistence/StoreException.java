package io.canopy.metering.persistence;

import java.sql.SQLException;

/** PostgreSQL refused or failed a metering statement (the message names the statement, never data values). */
public class StoreException extends RuntimeException {

    public StoreException(String message, Exception cause) {
        super(cause == null ? message : message + ": " + cause.getMessage(), cause);
    }
}
