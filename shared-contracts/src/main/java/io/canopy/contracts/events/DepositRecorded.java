package io.canopy.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * metering → certificate, health and downstream subscribers on {@code canopy.deposits.v1}, keyed
 * by account: one append-only ledger entry. <b>Public contract</b>: evolve only by adding optional
 * fields; a breaking change is a new topic.
 *
 * @param standardPages pages of this entry (an adjustment may be negative)
 * @param dayTotalPages the ledger's total for this (feed, day) after this entry
 */
public record DepositRecorded(
        UUID depositId,
        UUID dealerId,
        UUID accountId,
        UUID feedId,
        LocalDate serviceDate,
        long standardPages,
        long dayTotalPages,
        DepositKind kind,
        UUID requestId,
        LocalDate asOf,
        Instant recordedAt) implements CanopyEvent {

    @Override
    public UUID eventId() {
        return depositId;
    }

    @Override
    public String partitionKey() {
        return accountId.toString();
    }
}
