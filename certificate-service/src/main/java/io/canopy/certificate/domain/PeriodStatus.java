package io.canopy.certificate.domain;

/**
 * Life of one account's month (DESIGN.md "Month close and certificates"): it accepts deposits while
 * OPEN; CLOSING freezes the set of deposits it covers (later ones go to the next open month as
 * prior-period pages) until the certificate is sealed; CLOSED is final.
 */
public enum PeriodStatus {
    OPEN,
    CLOSING,
    CLOSED;

    /** The one legal successor: OPEN → CLOSING → CLOSED; anything else is a bug in the caller. */
    public PeriodStatus next() {
        return switch (this) {
            case OPEN -> CLOSING;
            case CLOSING -> CLOSED;
            case CLOSED -> throw new IllegalStateException("a CLOSED period is final");
        };
    }

    public boolean acceptsDeposits() {
        return this == OPEN;
    }
}
