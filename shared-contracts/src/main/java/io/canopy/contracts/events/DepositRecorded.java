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
 * @param accountName   the account's display name when the entry was recorded (for documents such
 *                      as certificates; not part of the entry's identity); optional, added compatibly
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
        Instant recordedAt,
        @Nullable String accountName) implements CanopyEvent {

    /** Without an account name, as metering wrote it before the field existed. */
    public DepositRecorded(UUID depositId, UUID dealerId, UUID accountId, UUID feedId, LocalDate serviceDate,
            long standardPages, long dayTotalPages, DepositKind kind, UUID requestId, LocalDate asOf,
            Instant recordedAt) {
        this(depositId, dealerId, accountId, feedId, serviceDate, standardPages, dayTotalPages, kind,
                requestId, asOf, recordedAt, null);
    }

    @Override
    public UUID eventId() {
        return depositId;
    }

    @Override
    public String partitionKey() {
        return accountId.toString();
    }
}
