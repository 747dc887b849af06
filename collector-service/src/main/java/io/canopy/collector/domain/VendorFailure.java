package io.canopy.collector.domain;

import io.canopy.contracts.events.FailureKind;

/**
 * A classified failure of a vendor call. The message is the vendor's reason in words and is safe to
 * publish: it never contains credentials or the query string of a URL.
 */
public class VendorFailure extends RuntimeException {

    private final FailureKind kind;
    private final Integer httpStatus;
    private final int attempts;
    private final String rejectedBody;
    private final String endpoint;

    public VendorFailure(FailureKind kind, String reason, Integer httpStatus, int attempts) {
        this(kind, reason, httpStatus, attempts, null, null);
    }

    public VendorFailure(FailureKind kind, String reason, Integer httpStatus, int attempts, String endpoint,
            String rejectedBody) {
        super(reason, null, false, false);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.attempts = attempts;
        this.endpoint = endpoint;
        this.rejectedBody = rejectedBody;
    }

    public FailureKind kind() {
        return kind;
    }

    public Integer httpStatus() {
        return httpStatus;
    }

    public int attempts() {
        return attempts;
    }

    /** The raw body that could not be used (REJECTED_PAYLOAD only). */
    public String rejectedBody() {
        return rejectedBody;
    }

    /** The vendor path that answered, without host or query. */
    public String endpoint() {
        return endpoint;
    }

    /** The total deadline of a collection or check was spent (a slow drip, endless retries, a slow vendor). */
    public static VendorFailure deadline(String what, java.time.Duration limit) {
        long seconds = limit.toSeconds();
        String words = seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
        return new VendorFailure(FailureKind.DEADLINE_EXCEEDED, "the vendor did not finish answering within the "
                + words + " a " + what + " may take; stopped waiting", null, 1);
    }

    public static VendorFailure rejected(String endpoint, String body, String reason) {
        return new VendorFailure(FailureKind.REJECTED_PAYLOAD, reason, 200, 1, endpoint, body);
    }
}
