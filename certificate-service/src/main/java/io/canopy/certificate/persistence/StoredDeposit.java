package io.canopy.certificate.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A row of the deposit projection, as compared with a redelivered DepositRecorded. */
public record StoredDeposit(UUID depositId, UUID dealerId, UUID accountId, UUID feedId, LocalDate serviceDate,
        long standardPages, String kind, UUID requestId, LocalDate asOf, Instant recordedAt) {
}
