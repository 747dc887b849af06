package io.canopy.kit.inbox;

/** A Kafka record that is not a Canopy event this service can read: park it, keep consuming. */
public class UndecodableRecord extends RuntimeException {

    public UndecodableRecord(String message, Throwable cause) {
        super(message, cause);
    }
}
