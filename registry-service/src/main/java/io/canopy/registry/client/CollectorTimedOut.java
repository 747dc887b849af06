package io.canopy.registry.client;

/**
 * collector-service took longer than registry's read timeout. Not retried: collector was busy with
 * a slow vendor, and asking again would only make the dealer wait twice as long for a 503.
 */
public class CollectorTimedOut extends CollectorUnavailable {

    public CollectorTimedOut(String message) {
        super(message);
    }
}
