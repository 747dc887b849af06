package io.canopy.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * certificate → downstream on {@code canopy.certificates.v1}, keyed by account. <b>Public
 * contract</b>: evolve only by adding optional fields.
 *
 * @param period           the month, {@code yyyy-MM}
 * @param priorPeriodPages pages of already-closed months that arrived after their close, and of
 *                         earlier months that closed with a negative total (carried forward, no
 *                         certificate of their own); may be negative
 * @param trees            totalPages ÷ 8,333, two decimals
 * @param seal             SHA-256 (hex) over the sorted deposit ids the certificate covers
 * @param accountName      the customer's name printed on the certificate (the latest name the
 *                         deposits carried at close); optional, added compatibly
 */
public record CertificateIssued(
        UUID certificateId,
        UUID dealerId,
        UUID accountId,
        String period,
        long pages,
        long priorPeriodPages,
        long totalPages,
        BigDecimal trees,
        String forestryProject,
        int depositCount,
        String seal,
        LocalDate asOf,
        Instant issuedAt,
        @Nullable String accountName) implements CanopyEvent {

    /** Without an account name, as certificate-service wrote it before the field existed. */
    public CertificateIssued(UUID certificateId, UUID dealerId, UUID accountId, String period, long pages,
            long priorPeriodPages, long totalPages, BigDecimal trees, String forestryProject, int depositCount,
            String seal, LocalDate asOf, Instant issuedAt) {
        this(certificateId, dealerId, accountId, period, pages, priorPeriodPages, totalPages, trees, forestryProject,
                depositCount, seal, asOf, issuedAt, null);
    }

    @Override
    public UUID eventId() {
        return certificateId;
    }

    @Override
    public String partitionKey() {
        return accountId.toString();
    }
}
