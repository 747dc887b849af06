package io.canopy.kit.inbox;

/**
 * The consuming thread was interrupted (the service is shutting down) before the record was
 * applied. Not a verdict on the record: the channel's failure strategy leaves it unacknowledged,
 * so its offset is never committed and it is redelivered to whoever consumes the partition next.
 */
public final class Interrupted extends RuntimeException {

    public Interrupted(String message, InterruptedException cause) {
        super(message, cause);
    }

    /** Whether {@code failure}, or anything it was caused by, is an interruption. */
    public static boolean isIn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof Interrupted || t instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }
}
