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

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.canopy.kit.api.Page;
import io.canopy.kit.api.ProblemException;
import io.canopy.kit.api.QueryParameters;
import io.canopy.kit.security.CurrentDealer;
import io.canopy.metering.domain.DepositExplanation;
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

    @Inject
    ObjectMapper json;

    /** Deposits filtered by account, feed and service date range [start_date, end_date), paged. */
    @GET
    public Page<DepositView> list(@QueryParam("account_id") String accountId, @QueryParam("feed_id") String feedId,
            @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate,
            @QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage) {
        Page.Request request = Page.request(page, perPage);
        DepositFilter filter = new DepositFilter(QueryParameters.uuid("account_id", accountId),
                QueryParameters.uuid("feed_id", feedId), QueryParameters.date("start_date", startDate),
                QueryParameters.date("end_date", endDate));
        QueryParameters.requireOrdered(filter.startDate(), filter.endDate());
        LedgerQueries.DepositPage found = ledger.deposits(dealer.id(), filter, request.offset(), request.perPage());
        return request.of(found.deposits().stream().map(DepositView::of).toList(), found.total());
    }

    @GET
    @Path("{id}")
    public DepositView get(@PathParam("id") String id) {
        UUID depositId = QueryParameters.requiredUuid("id", id);
        return ledger.deposit(dealer.id(), depositId).map(DepositView::of)
                .orElseThrow(() -> ProblemException.notFound("deposit", depositId));
    }

    /**
     * How the deposit came about, as stored in the same transaction as the entry (never recomputed):
     * per meter device the readings used (UTC and the account's zone, counters, counter source), the
     * counter step (reset / rollover), the days a gap was spread over and each day's share; the
     * aggregate vendor's window and totals; the day's totals and the standard-pages formula on the
     * feed's paper basis; for an adjustment what the ledger held before and what changed.
     */
    @GET
    @Path("{id}/explanation")
    @Operation(summary = "How a deposit came about: readings, counter steps, spreading, formula, ledger change")
    @APIResponse(responseCode = "200", description = "the explanation stored with the deposit",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DepositExplanation.class)))
    @APIResponse(responseCode = "404", description = "no such deposit of this dealer, or none with an explanation")
    public DepositExplanation explanation(@PathParam("id") String id) {
        UUID depositId = QueryParameters.requiredUuid("id", id);
        String body = ledger.explanation(dealer.id(), depositId)
                .orElseThrow(() -> ProblemException.notFound("deposit", depositId))
                .orElseThrow(() -> new ProblemException(404, "Not found", "deposit " + depositId
                        + " was recorded before explanations were kept; it has none"));
        try {
            return json.readValue(body, DepositExplanation.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored explanation of deposit " + depositId + " cannot be read", e);
        }
    }
}
