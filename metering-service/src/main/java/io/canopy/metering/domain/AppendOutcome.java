package io.canopy.metering.domain;

/** What happened when an entry was offered to the append-only ledger. */
public enum AppendOutcome {
    /** A new entry. */
    APPENDED,
    /** The same id with the same content was already there: a repeat, nothing to do. */
    ALREADY_RECORDED,
    /** The same id with different content: never overwritten; an alarm for operators. */
    CONFLICT
}
