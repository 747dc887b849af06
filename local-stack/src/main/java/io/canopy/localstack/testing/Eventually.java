package io.canopy.localstack.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for what a service does asynchronously (a record consumed, a row written, an event
 * relayed): polls a condition instead of sleeping a fixed time, and fails the test naming what it
 * waited for. The tests share a slow machine with the broker and the database, hence the generous
 * default.
 */
public final class Eventually {

    /** How long a test waits by default. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final long POLL_MILLIS = 100;

    private Eventually() {
    }

    /** Polls until the condition holds, at most {@link #PATIENCE}. */
    public static void await(String what, BooleanSupplier condition) {
        await(what, PATIENCE, condition);
    }

    /** Polls until the condition holds, at most {@code patience}; an AssertionError names {@code what} otherwise. */
    public static void await(String what, Duration patience, BooleanSupplier condition) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + patience.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
