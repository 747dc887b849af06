package io.canopy.certificate.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.canopy.certificate.persistence.StoredCertificate;

/**
 * A certificate in the dealer API (snake_case). {@code deposit_ids} only on the single-certificate
 * view; {@code account_name} is absent on certificates issued before deposits carried names.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CertificateView(UUID id, UUID dealerId, UUID accountId, String accountName, String period, long pages, long priorPeriodPages,
        long totalPages, BigDecimal trees, String forestryProject, int depositCount, String seal, LocalDate asOf,
        Instant issuedAt, Links links, List<String> depositIds) {

    public record Links(String self, String html, String pdf, String verify) {
    }

    static CertificateView of(StoredCertificate c, String baseUrl, List<String> depositIds) {
        String self = baseUrl + "/v1/certificates/" + c.certificateId();
        return new CertificateView(c.certificateId(), c.dealerId(), c.accountId(), c.accountName(), c.period().toString(), c.pages(),
                c.priorPeriodPages(), c.totalPages(), c.trees(), c.forestryProject(), c.depositCount(), c.seal(), c.asOf(),
                c.issuedAt(), new Links(self, self + ".html", self + ".pdf", self + "/verify"), depositIds);
    }
}
