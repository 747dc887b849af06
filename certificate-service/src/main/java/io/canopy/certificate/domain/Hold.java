package io.canopy.certificate.domain;

import java.util.UUID;

/** Why an account's month waits: the feed and the reason, with a sentence for the dealer. */
public record Hold(UUID feedId, Reason reason, String detail) {

    public enum Reason {
        /** The feed has not collected through the month's last day. */
        NOT_COLLECTED,
        /** The feed has an open staleness episode touching the month. */
        STALE,
        /** The episode ended; the backfill of its days has not been collected yet. */
        BACKFILL_PENDING
    }
}
