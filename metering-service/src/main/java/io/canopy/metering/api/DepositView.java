package io.canopy.metering.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.canopy.contracts.events.DepositKind;
import io.canopy.contracts.events.DepositRecorded;

/** A ledger entry as the dealer API shows it (snake_case on the wire). */
public record DepositView(UUID id, UUID accountId, UUID feedId, LocalDate serviceDate, long standardPages,
        long dayTotalPages, DepositKind kind, UUID requestId, LocalDate asOf, Instant recordedAt) {

    static DepositView of(DepositRecorded d) {
        return new DepositView(d.depositId(), d.accountId(), d.feedId(), d.serviceDate(), d.standardPages(),
                d.dayTotalPages(), d.kind(), d.requestId(), d.asOf(), d.recordedAt());
    }
}
