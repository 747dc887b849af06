package io.canopy.metering.api;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.canopy.kit.api.Page;
import io.canopy.kit.api.ProblemException;
import io.canopy.kit.security.CurrentDealer;
import io.canopy.metering.persistence.LedgerQueries;
import io.canopy.metering.persistence.LedgerQueries.DepositFilter;

/** The dealer's ledger: deposits of its accounts, newest facts never rewritten. */
@Path("/v1/deposits")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentDealer.ROLE)
public class DepositResource {

    @Inject
    LedgerQueries ledger;

    @Inject
    CurrentDealer dealer;

    /** Deposits filtered by account, feed and service date range [start_date, end_date), paged. */
    @GET
    public Page<DepositView> list(@QueryParam("account_id") String accountId, @QueryParam("feed_id") String feedId,
            @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage) {
        Page.Request request = Page.request(page, perPage);
        DepositFilter filter = new DepositFilter(QueryParams.uuid("account_id", accountId),
                QueryParams.uuid("feed_id", feedId), QueryParams.date("start_date", startDate),
                QueryParams.date("end_date", endDate));
        QueryParams.requireOrdered(filter.startDate(), filter.endDate());
        LedgerQueries.DepositPage found = ledger.deposits(dealer.id(), filter, request.offset(), request.perPage());
        return request.of(found.deposits().stream().map(DepositView::of).toList(), found.total());
    }

    @GET
    @Path("{id}")
    public DepositView get(@PathParam("id") String id) {
        UUID depositId = QueryParams.uuid("id", id);
        return ledger.deposit(dealer.id(), depositId).map(DepositView::of)
                .orElseThrow(() -> ProblemException.notFound("deposit", depositId));
    }
}
