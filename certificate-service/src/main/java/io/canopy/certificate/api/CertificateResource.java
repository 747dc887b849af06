package io.canopy.certificate.api;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.canopy.certificate.config.CertificateConfig;
import io.canopy.certificate.domain.CountedDeposit;
import io.canopy.certificate.domain.Seal;
import io.canopy.certificate.persistence.CertificateRepository;
import io.canopy.certificate.persistence.DepositRepository;
import io.canopy.certificate.persistence.PeriodKey;
import io.canopy.certificate.persistence.PeriodRepository;
import io.canopy.certificate.persistence.StoredCertificate;
import io.canopy.certificate.rendering.CertificateDocument;
import io.canopy.certificate.rendering.PdfRenderer;
import io.canopy.kit.api.Page;
import io.canopy.kit.api.ProblemException;
import io.canopy.kit.api.QueryParameters;
import io.canopy.kit.security.CurrentDealer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.Template;

/**
 * The dealer's certificates ({@code /v1/certificates}): list, get, printable HTML and PDF, and
 * verification. Every query is filtered by the dealer of the verified JWT; another dealer's
 * certificate id answers 404, exactly like an unknown one.
 */
@Path("/v1/certificates")
@RolesAllowed(CurrentDealer.ROLE)
public class CertificateResource {

    static final String PDF = "application/pdf";

    @Inject
    CurrentDealer dealer;

    @Inject
    PeriodRepository periods;

    @Inject
    DepositRepository deposits;

    @Inject
    CertificateRepository certificates;

    @Inject
    CertificateConfig config;

    @Inject
    PdfRenderer pdf;

    @Inject
    Template certificate;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Page<CertificateView> list(@QueryParam("account_id") String accountId, @QueryParam("period") String period,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage) {
        Page.Request paging = Page.request(page, perPage);
        Optional<UUID> account = Optional.ofNullable(QueryParameters.uuid("account_id", accountId));
        Optional<YearMonth> month = Optional.ofNullable(QueryParameters.month("period", period));
        UUID dealerId = dealer.id();
        return QuarkusTransaction.requiringNew().call(() -> {
            List<CertificateView> data = certificates.listCertificates(dealerId, account, month, paging.offset(), paging.perPage())
                    .stream().map(c -> CertificateView.of(c, config.publicUrl(), null)).toList();
            return paging.of(data, certificates.countCertificates(dealerId, account, month));
        });
    }

    /**
     * The dealer's accounts' state for a month: OPEN, HELD (with the feed and the reason), CLOSING or
     * CLOSED, so a month that waits for a stale feed is visible before its certificate exists.
     */
    @GET
    @Path("/periods")
    @Produces(MediaType.APPLICATION_JSON)
    public PeriodStateView.Periods periods(@QueryParam("period") String period, @QueryParam("account_id") String accountId) {
        YearMonth month = QueryParameters.require("period", QueryParameters.month("period", period), "yyyy-mm, e.g. 2026-01");
        Optional<UUID> account = Optional.ofNullable(QueryParameters.uuid("account_id", accountId));
        UUID dealerId = dealer.id();
        return new PeriodStateView.Periods(month.toString(), QuarkusTransaction.requiringNew()
                .call(() -> periods.periodsOf(dealerId, month, account)).stream().map(PeriodStateView::of).toList());
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public CertificateView get(@PathParam("id") String id) {
        StoredCertificate c = find(id);
        List<String> depositIds = QuarkusTransaction.requiringNew().call(() -> Seal.sortedIds(
                deposits.countedIn(new PeriodKey(c.accountId(), c.period())).stream().map(CountedDeposit::depositId).toList()));
        return CertificateView.of(c, config.publicUrl(), depositIds);
    }

    @GET
    @Path("/{id}.html")
    @Produces(MediaType.TEXT_HTML)
    public String html(@PathParam("id") String id) {
        return certificate.data("doc", document(find(id))).render();
    }

    @GET
    @Path("/{id}.pdf")
    @Produces(PDF)
    public Response pdf(@PathParam("id") String id) {
        StoredCertificate c = find(id);
        return Response.ok(pdf.render(document(c)), PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"canopy-certificate-" + c.period() + "-"
                        + c.accountId() + ".pdf\"")
                .build();
    }

    /** Recomputes the seal, deposit count and total from the deposit projection and compares. */
    @GET
    @Path("/{id}/verify")
    @Produces(MediaType.APPLICATION_JSON)
    public VerificationView verify(@PathParam("id") String id) {
        StoredCertificate c = find(id);
        List<CountedDeposit> covered = QuarkusTransaction.requiringNew()
                .call(() -> deposits.countedIn(new PeriodKey(c.accountId(), c.period())));
        Seal.Check check = Seal.check(c.seal(), c.depositCount(), c.totalPages(), covered);
        return new VerificationView(c.certificateId(), check.valid(), check.seal(), check.recomputedSeal(),
                check.depositCount(), check.recomputedDepositCount(), check.totalPages(), check.recomputedTotalPages(),
                Seal.ALGORITHM);
    }

    private CertificateDocument document(StoredCertificate c) {
        return CertificateDocument.of(c, config.pagesPerTree(), config.publicUrl());
    }

    private StoredCertificate find(String id) {
        UUID certificateId = QueryParameters.requiredUuid("id", id);
        UUID dealerId = dealer.id();
        return QuarkusTransaction.requiringNew().call(() -> certificates.findCertificate(dealerId, certificateId))
                .orElseThrow(() -> ProblemException.notFound("certificate", certificateId));
    }
}
