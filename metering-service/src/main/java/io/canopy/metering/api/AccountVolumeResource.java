package io.canopy.metering.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.canopy.contracts.arithmetic.Trees;
import io.canopy.kit.api.ProblemException;
import io.canopy.kit.api.QueryParameters;
import io.canopy.kit.security.CurrentDealer;
import io.canopy.metering.persistence.LedgerQueries;

/** Pages and trees of a customer account per day or per month, from the ledger. */
@Path("/v1/accounts/{id}/volume")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentDealer.ROLE)
public class AccountVolumeResource {

    @Inject
    LedgerQueries ledger;

    @Inject
    CurrentDealer dealer;

    @Inject
    Trees trees;

    public record Bucket(String period, long pages, BigDecimal trees) {
    }

    public record Volume(UUID accountId, String period, LocalDate startDate, LocalDate endDate, long pages,
            BigDecimal trees, List<Bucket> data) {
    }

    /** {@code period} daily (default) or monthly; the range is [start_date, end_date), open-ended where a bound is absent. */
    @GET
    public Volume volume(@PathParam("id") String id, @QueryParam("period") String period,
            @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate) {
        UUID accountId = QueryParameters.requiredUuid("id", id);
        String chosen = QueryParameters.oneOf("period", period, List.of("daily", "monthly"));
        String granularity = chosen == null ? "daily" : chosen;
        LocalDate start = QueryParameters.date("start_date", startDate);
        LocalDate end = QueryParameters.date("end_date", endDate);
        QueryParameters.requireOrdered(start, end);
        if (!ledger.accountKnown(dealer.id(), accountId)) {
            throw ProblemException.notFound("account", accountId);
        }
        LocalDate from = start != null ? start : LocalDate.of(1970, 1, 1);
        LocalDate to = end != null ? end : LocalDate.of(9999, 1, 1);
        Map<String, Long> buckets = new TreeMap<>();
        long total = 0;
        for (LedgerQueries.DayPages day : ledger.dailyPages(dealer.id(), accountId, from, to)) {
            String key = granularity.equals("daily") ? day.day().toString() : YearMonth.from(day.day()).toString();
            buckets.merge(key, day.pages(), Long::sum);
            total += day.pages();
        }
        List<Bucket> data = new ArrayList<>();
        buckets.forEach((key, pages) -> data.add(new Bucket(key, pages, trees.of(pages))));
        return new Volume(accountId, granularity, start, end, total, trees.of(total), data);
    }
}
