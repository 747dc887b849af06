package io.canopy.dashboard.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.canopy.contracts.arithmetic.Trees;
import io.canopy.dashboard.client.CanopyApi;
import io.canopy.dashboard.client.CanopyApi.Service;
import io.canopy.dashboard.domain.VolumeChart;
import io.canopy.dashboard.session.Session;
import io.quarkus.qute.Template;

/** The first page after signing in: this month's pages and trees, 60 days of pages, what is unhealthy, new certificates. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class OverviewPage {

    static final int CHART_DAYS = 60;

    @Inject
    Template overview;

    @Inject
    CanopyApi api;

    @Inject
    Pages pages;

    @GET
    public String show() {
        Session session = pages.session();
        String token = session.token();
        LocalDate today = businessToday(token);
        LocalDate first = today.minusDays(CHART_DAYS - 1);
        LocalDate monthStart = today.withDayOfMonth(1);

        List<Map<String, Object>> accounts = api.list(Service.REGISTRY, "/v1/accounts?per_page=100", token);
        Map<LocalDate, Long> daily = new TreeMap<>();
        List<Map<String, Object>> accountRows = new ArrayList<>();
        long monthPages = 0;
        for (Map<String, Object> account : accounts) {
            Map<String, Object> volume = api.objectOrEmpty(Service.METERING, "/v1/accounts/" + account.get("id") + "/volume"
                    + CanopyApi.query(Map.of("period", "daily", "start_date", first.isBefore(monthStart) ? first : monthStart,
                            "end_date", today.plusDays(1))), token);
            long accountMonth = 0;
            for (Object bucket : (List<?>) volume.getOrDefault("data", List.of())) {
                Map<?, ?> b = (Map<?, ?>) bucket;
                LocalDate day = LocalDate.parse((String) b.get("period"));
                long dayPages = ((Number) b.get("pages")).longValue();
                daily.merge(day, dayPages, Long::sum);
                if (!day.isBefore(monthStart)) {
                    accountMonth += dayPages;
                }
            }
            monthPages += accountMonth;
            accountRows.add(Map.of("id", account.get("id"), "name", account.get("name"), "pages", accountMonth,
                    "trees", trees(accountMonth)));
        }
        List<Map<String, Object>> unhealthyServers = api.list(Service.HEALTH, "/v1/health/servers?status=unhealthy", token);
        List<Map<String, Object>> unhealthyFeeds = api.list(Service.HEALTH, "/v1/health/feeds?status=unhealthy", token);
        List<Map<String, Object>> certificates = api.list(Service.CERTIFICATE, "/v1/certificates?per_page=5", token);
        return overview.data("session", session).data("month", monthStart.getMonth() + " " + monthStart.getYear())
                .data("monthPages", monthPages).data("monthTrees", trees(monthPages)).data("accounts", accountRows)
                .data("chart", VolumeChart.daily("daily-chart", daily, first, today)).data("unhealthyServers", unhealthyServers)
                .data("unhealthyFeeds", unhealthyFeeds)
                .data("attention", unhealthyServers.size() + unhealthyFeeds.size()).data("certificates", certificates).render();
    }

    /**
     * The dealer's "today" as the platform sees it (DESIGN.md rule 12: business time follows the
     * nightly runs): the newest day any feed is collected through, else the calendar's today. A demo
     * or a replay of past nights then shows its own last 60 days, not an empty chart.
     */
    private LocalDate businessToday(String token) {
        LocalDate newest = null;
        for (Map<String, Object> feed : api.list(Service.REGISTRY, "/v1/feeds?per_page=100", token)) {
            Object through = feed.get("collected_through");
            if (through instanceof String day) {
                LocalDate date = LocalDate.parse(day);
                newest = newest == null || date.isAfter(newest) ? date : newest;
            }
        }
        return newest != null ? newest : LocalDate.now(ZoneOffset.UTC);
    }

    /** Trees as the certificates state them (the shared arithmetic, not a copy of it). */
    static BigDecimal trees(long pages) {
        return Trees.standard().of(pages);
    }
}
