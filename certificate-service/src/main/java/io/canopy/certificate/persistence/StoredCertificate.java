package io.canopy.certificate.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

/**
 * A certificate as stored (and as published in CertificateIssued).
 *
 * @param accountName the customer's name at issue (null when no deposit carried one)
 */
public record StoredCertificate(UUID certificateId, UUID dealerId, UUID accountId, YearMonth period, long pages,
        long priorPeriodPages, long totalPages, BigDecimal trees, String forestryProject, int depositCount, String seal,
        LocalDate asOf, Instant issuedAt, String accountName) {
}
