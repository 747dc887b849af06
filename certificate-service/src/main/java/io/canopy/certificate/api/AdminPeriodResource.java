package io.canopy.certificate.api;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.canopy.certificate.domain.PeriodStatus;
import io.canopy.certificate.persistence.CertificateRepository;
import io.canopy.certificate.persistence.PeriodRepository;
import io.canopy.certificate.service.CloseReport;
import io.canopy.certificate.service.MonthCloser;
import io.canopy.kit.api.QueryParameters;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Operator close of a month ({@code POST /admin/v1/periods/{yyyy-mm}/close[?dealer_id=]}, operator
 * token checked by service-kit's AdminTokenFilter): for one dealer, or for every dealer whose
 * business time has passed the month's end. It forces the close, whatever holds the month. Idempotent: a second call issues
 * nothing new and reports the same certificates.
 */
@Path("/admin/v1/periods")
@Produces(MediaType.APPLICATION_JSON)
public class AdminPeriodResource {

    @Inject
    MonthCloser closer;

    @Inject
    PeriodRepository periods;

    @Inject
    CertificateRepository certificates;

    /**
     * @param periodsClosed       this month's periods now CLOSED (all accounts)
     * @param newlyIssued         certificates issued by this call (0 on a repeat)
     * @param certificateIds      every certificate of this month
     */
    public record PeriodCloseResult(String period, String status, UUID dealerId, List<UUID> dealersClosed,
            long periodsClosed, int newlyIssued, List<UUID> certificateIds) {
    }

    /**
     * @param dealerId close the month for this dealer only; without it, for every dealer whose
     *                 business time has passed the month's end (409 when none has)
     */
    @POST
    @Path("/{period}/close")
    public PeriodCloseResult close(@PathParam("period") String period, @QueryParam("dealer_id") String dealerId) {
        YearMonth month = QueryParameters.require("period", QueryParameters.month("period", period), "yyyy-mm, e.g. 2026-01");
        Optional<UUID> dealer = Optional.ofNullable(QueryParameters.uuid("dealer_id", dealerId));
        MonthCloser.OperatorClose done = closer.closeByOperator(month, dealer);
        CloseReport report = done.report();
        List<UUID> issuedThisMonth = QuarkusTransaction.requiringNew().call(() -> certificates.certificatesOf(month, dealer));
        long closed = QuarkusTransaction.requiringNew()
                .call(() -> periods.countPeriods(month, PeriodStatus.CLOSED, dealer));
        int newlyIssued = (int) report.certificatesIssued().stream().filter(issuedThisMonth::contains).count();
        return new PeriodCloseResult(month.toString(), "closed", dealer.orElse(null), done.dealers(), closed, newlyIssued,
                issuedThisMonth);
    }
}
