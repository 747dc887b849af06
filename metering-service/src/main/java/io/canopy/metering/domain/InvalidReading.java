package io.canopy.metering.domain;

/** A reading metering cannot use (negative counters, impossible volumes): the record is parked. */
public class InvalidReading extends RuntimeException {

    public InvalidReading(String message) {
        super(message);
    }
}
