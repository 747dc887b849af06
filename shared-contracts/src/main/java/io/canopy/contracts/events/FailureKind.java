package io.canopy.contracts.events;

/** Classified reason a collection or a server check failed (DESIGN.md topic table). */
public enum FailureKind {
    /** 401/403, or an auth error inside a 200 (MPS Monitor IsValid:false with an auth code). */
    AUTH_REJECTED,
    /** Connection refused, DNS, TLS or timeout after retries. */
    UNREACHABLE,
    /** 5xx after retries, or a vendor-reported error in a 200 body. */
    VENDOR_ERROR,
    /** 429 past the retry budget. */
    RATE_LIMITED,
    /** A body that does not parse or has wrong types. */
    REJECTED_PAYLOAD,
    /** The vendor customer is gone (404). */
    NOT_FOUND,
    /** Printanista 409: the dealer has not granted the integration on that account. */
    INTEGRATION_DISABLED,
    /**
     * The vendor's answer went past a collector limit: a body larger than the byte cap (counted after
     * decompression), more pages or items than one collection may read (endless paging).
     */
    LIMIT_EXCEEDED,
    /** The whole collection (or credential check) took longer than its total deadline (e.g. a slow drip). */
    DEADLINE_EXCEEDED,
    /**
     * The server's host resolves to an internal address (loopback, private, link-local, ...) that is
     * not allow-listed: Canopy refused to connect (SSRF guard).
     */
    ADDRESS_REFUSED;

    /** Failures that say the server itself is broken (not one feed): they pause the whole server. */
    public boolean marksServerUnhealthy() {
        return this == AUTH_REJECTED || this == UNREACHABLE || this == ADDRESS_REFUSED;
    }
}
