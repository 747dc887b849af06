package io.canopy.registry.client;

/** collector-service could not answer (down, timing out, circuit open, or an unexpected status). */
public class CollectorUnavailable extends RuntimeException {

    public CollectorUnavailable(String message) {
        super(message);
    }

    public CollectorUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
