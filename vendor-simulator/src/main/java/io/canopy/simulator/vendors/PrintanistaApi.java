package io.canopy.simulator.vendors;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.canopy.contracts.events.VendorType;
import io.canopy.simulator.api.SimRequest;
import io.canopy.simulator.api.SimResponse;
import io.canopy.simulator.api.SimState;
import io.canopy.simulator.generation.DayVolume;
import io.canopy.simulator.generation.SimCustomer;
import io.canopy.simulator.generation.SimDevice;
import io.canopy.simulator.generation.SimServer;
import io.canopy.simulator.generation.SimWorld;

/** ECI Printanista: {@code X-Api-Key} plus HTTP Basic, accounts with granted reports, per-window volumes. */
final class PrintanistaApi implements VendorApi {

    static final String ALL_DEVICES = "printreleaf";
    static final String MANAGED_ONLY = "printreleaf-managed-only";
    private static final String PREFIX = "/api/printreleaf/v1";
    private static final Pattern REPORT = Pattern.compile(PREFIX + "/reports/([^/]+)");

    @Override
    public VendorType vendor() {
        return VendorType.PRINTANISTA;
    }

    /** What the dealer granted Canopy on the account: the reports tell whether a feed is managed-only. */
    @Override
    public Map<String, Object> listedCustomerFields(SimCustomer customer) {
        return Map.of("reports", customer.reports());
    }

    @Override
    public SimResponse handle(SimRequest request, SimServer server, SimWorld world, SimState state) {
        String[] basic = request.basicAuth().orElse(new String[] { "", "" });
        if (state.credentialsRevoked(server.name()) || !basic[0].equals(server.credential("username"))
                || !basic[1].equals(server.credential("password"))) {
            return SimResponse.json(401, Map.of("error", "Unauthorized", "message", "Invalid user name or password."));
        }
        if (!request.header("x-api-key").orElse("").equals(server.credential("api_key"))) {
            return SimResponse.json(403, Map.of("error", "Forbidden", "message", "Invalid API key or insufficient role."));
        }
        if (!"GET".equals(request.method())) {
            return SimResponse.json(405, Map.of("error", "MethodNotAllowed"));
        }
        if (request.path().equals(PREFIX + "/accounts")) {
            List<Map<String, Object>> accounts = new ArrayList<>();
            for (SimCustomer customer : server.customers()) {
                if (enabled(customer, server, state)) {
                    accounts.add(Map.of("accountId", customer.id(), "name", customer.name(), "reports", customer.reports()));
                }
            }
            return SimResponse.ok(accounts);
        }
        Matcher report = REPORT.matcher(request.path());
        if (report.matches()) {
            return report(request, report.group(1), server, world, state);
        }
        return SimResponse.json(404, Map.of("error", "NotFound"));
    }

    private static boolean enabled(SimCustomer customer, SimServer server, SimState state) {
        return !customer.reports().isEmpty() && !state.integrationDisabled(server.name(), customer.id());
    }

    private SimResponse report(SimRequest request, String report, SimServer server, SimWorld world, SimState state) {
        if (!report.equals(ALL_DEVICES) && !report.equals(MANAGED_ONLY)) {
            return SimResponse.json(404, Map.of("error", "UnknownReport"));
        }
        String accountId = request.query("accountId").orElse("");
        var found = server.customer(accountId);
        if (found.isEmpty()) {
            return SimResponse.json(404, Map.of("error", "AccountNotFound"));
        }
        SimCustomer customer = found.get();
        if (!enabled(customer, server, state) || !customer.reports().contains(report)) {
            return SimResponse.json(409, Map.of("error", "PrintReleafIntegrationDisabled"));
        }
        LocalDate start;
        LocalDate end;
        try {
            start = LocalDate.parse(request.query("startDate").orElseThrow(() -> new DateTimeParseException("missing", "", 0)));
            end = LocalDate.parse(request.query("endDate").orElseThrow(() -> new DateTimeParseException("missing", "", 0)));
        } catch (DateTimeParseException e) {
            return SimResponse.json(400, Map.of("error", "InvalidDateRange", "message", "startDate and endDate must be YYYY-MM-DD."));
        }
        if (!start.isBefore(end) || ChronoUnit.DAYS.between(start, end) > 366) {
            return SimResponse.json(400, Map.of("error", "InvalidDateRange",
                    "message", "startDate must be before endDate and the range at most 366 days."));
        }
        LocalDate clock = state.clock();
        boolean managedOnly = report.equals(MANAGED_ONLY);
        DayVolume sum = DayVolume.ZERO;
        Set<String> devices = new HashSet<>();
        for (LocalDate day = start; day.isBefore(end) && day.isBefore(clock); day = day.plusDays(1)) {
            if (customer.agentSilent(day, clock)) {
                continue;
            }
            for (SimDevice device : customer.devicesOn(day)) {
                if (!managedOnly || device.managed()) {
                    sum = sum.plus(world.generator().volume(device, day, vendor()));
                    devices.add(device.id());
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reportName", report);
        body.put("customerName", customer.name());
        body.put("customerId", customer.id());
        body.put("startDate", start.toString());
        body.put("endDate", end.toString());
        body.put("numberOfDevices", devices.size());
        body.put("smallPageCount", sum.small());
        body.put("largePageCount", sum.large());
        body.put("duplexPageCount", sum.duplexSheets());
        body.put("lastAuditDate", CurrentReading.day(customer, clock).toString());
        return SimResponse.ok(body);
    }
}
