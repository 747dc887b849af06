package io.canopy.dashboard.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.canopy.contracts.arithmetic.Trees;
import io.canopy.dashboard.client.CanopyApi;
import io.canopy.dashboard.client.CanopyApi.Service;
import io.canopy.dashboard.domain.VolumeChart;
import io.canopy.dashboard.session.Session;
import io.quarkus.qute.Template;

/** Accounts: month-to-date pages and trees per account; an account's volume, deposits, devices, feeds and certificates. */
@Path("/accounts")
@Produces(MediaType.TEXT_HTML)
public class AccountPages {

    static final int DEPOSITS_PER_PAGE = 25;

    @Inject
    Template accounts;

    @Inject
    Template account;

    @Inject
    CanopyApi api;

    @Inject
    Pages pages;

    private static YearMonth min(YearMonth a, YearMonth b) {
        return a.isBefore(b) ? a : b;
    }

    @GET
    public String list() {
        Session session = pages.session();
        LocalDate monthStart = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> a : api.list(Service.REGISTRY, "/v1/accounts?per_page=100", session.token())) {
            Map<String, Object> volume = api.objectOrEmpty(Service.METERING, "/v1/accounts/" + a.get("id") + "/volume"
                    + CanopyApi.query(Map.of("period", "monthly")), session.token());
            List<?> months = (List<?>) volume.getOrDefault("data", List.of());
            Map<?, ?> latest = months.isEmpty() ? Map.of() : (Map<?, ?>) months.get(months.size() - 1);
            Map<String, Object> row = new LinkedHashMap<>(a);
            row.put("latest_month", latest.containsKey("period") ? latest.get("period") : "—");
            row.put("month_pages", latest.containsKey("pages") ? latest.get("pages") : 0);
            row.put("month_trees", latest.containsKey("trees") ? latest.get("trees") : "0.00");
            row.put("this_month", monthStart.toString().substring(0, 7).equals(latest.get("period")));
            rows.add(row);
        }
        return accounts.data("session", session).data("accounts", rows).render();
    }

    @GET
    @Path("{id}")
    public String show(@PathParam("id") String id, @QueryParam("page") @DefaultValue("1") int page) {
        Session session = pages.session();
        String accountId = Ids.uuid(id);
        String token = session.token();
        Map<String, Object> found = api.object(Service.REGISTRY, "/v1/accounts/" + accountId, token);
        Map<String, Object> daily = api.objectOrEmpty(Service.METERING,
                "/v1/accounts/" + accountId + "/volume?period=daily", token);
        Map<LocalDate, Long> byDay = new TreeMap<>();
        for (Object b : (List<?>) daily.getOrDefault("data", List.of())) {
            Map<?, ?> bucket = (Map<?, ?>) b;
            byDay.put(LocalDate.parse((String) bucket.get("period")), ((Number) bucket.get("pages")).longValue());
        }
        LocalDate last = byDay.isEmpty() ? LocalDate.now(ZoneOffset.UTC) : ((TreeMap<LocalDate, Long>) byDay).lastKey();
        Map<String, Object> monthly = api.objectOrEmpty(Service.METERING,
                "/v1/accounts/" + accountId + "/volume?period=monthly", token);
        Map<YearMonth, Long> byMonth = new TreeMap<>();
        for (Object b : (List<?>) monthly.getOrDefault("data", List.of())) {
            Map<?, ?> bucket = (Map<?, ?>) b;
            byMonth.put(YearMonth.parse((String) bucket.get("period")), ((Number) bucket.get("pages")).longValue());
        }
        // From the first month with pages through the latest (at least the last twelve), so a quiet month shows as a gap.
        YearMonth lastMonth = YearMonth.from(last);
        YearMonth firstMonth = byMonth.isEmpty() ? lastMonth.minusMonths(11)
                : min(((TreeMap<YearMonth, Long>) byMonth).firstKey(), lastMonth.minusMonths(11));
        int safePage = Math.max(1, Math.min(page, 100_000));
        Map<String, Object> deposits = api.objectOrEmpty(Service.METERING, "/v1/deposits" + CanopyApi.query(Map.of(
                "account_id", accountId, "page", safePage, "per_page", DEPOSITS_PER_PAGE)), token);
        List<Map<String, Object>> feeds = api.list(Service.REGISTRY, "/v1/feeds?per_page=100&account_id=" + accountId, token);
        List<Map<String, Object>> devices = new ArrayList<>();
        for (Map<String, Object> f : feeds) {
            for (Map<String, Object> d : api.listOrEmpty(Service.METERING, "/v1/devices?per_page=100&feed_id=" + f.get("id"), token)) {
                Map<String, Object> row = new LinkedHashMap<>(d);
                row.put("feed_external_id", f.get("external_id"));
                devices.add(row);
            }
        }
        List<Map<String, Object>> certificates = api.list(Service.CERTIFICATE,
                "/v1/certificates?per_page=24&account_id=" + accountId, token);
        long total = ((Number) deposits.getOrDefault("total", 0)).longValue();
        return account.data("session", session).data("account", found)
                .data("chart", VolumeChart.daily("daily-chart", byDay, last.minusDays(59), last))
                .data("monthlyChart", VolumeChart.monthly("monthly-chart", byMonth, firstMonth, lastMonth))
                .data("monthly", monthly.get("data"))
                .data("totalPages", daily.get("pages")).data("totalTrees", Trees.standard().of(
                        ((Number) daily.getOrDefault("pages", 0)).longValue()))
                .data("deposits", deposits.getOrDefault("data", List.of())).data("page", safePage).data("previousPage", safePage - 1).data("nextPage", safePage + 1)
                .data("hasMore", (long) safePage * DEPOSITS_PER_PAGE < total).data("depositTotal", total)
                .data("feeds", feeds).data("devices", devices).data("certificates", certificates).render();
    }
}
