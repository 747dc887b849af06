package io.canopy.simulator.vendors;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.canopy.contracts.events.VendorType;
import io.canopy.simulator.api.SimRequest;
import io.canopy.simulator.api.SimResponse;
import io.canopy.simulator.api.SimState;
import io.canopy.simulator.generation.Counters;
import io.canopy.simulator.generation.SimCustomer;
import io.canopy.simulator.generation.SimDevice;
import io.canopy.simulator.generation.SimServer;
import io.canopy.simulator.generation.SimWorld;

/** MPS Monitor: {@code X-Dealer-Token}, every body wrapped in {@code {IsValid, Errors, TotalRows, Result}}. */
final class MpsMonitorApi implements VendorApi {

    private static final String PREFIX = "/api/printreleaf/v1";
    private static final Pattern DEVICES = Pattern.compile(PREFIX + "/customers/([^/]+)/devices");
    private static final int MAX_PAGE_ROWS = 500;

    @Override
    public VendorType vendor() {
        return VendorType.MPS_MONITOR;
    }

    @Override
    public SimResponse handle(SimRequest request, SimServer server, SimWorld world, SimState state) {
        String token = request.header("x-dealer-token").orElse("");
        if (state.credentialsRevoked(server.name()) || !token.equals(server.credential("dealer_token"))) {
            return envelope(401, false, List.of(error("InvalidDealerToken", "The dealer token is not valid.")), 0, null);
        }
        if (!"GET".equals(request.method())) {
            return envelope(405, false, List.of(error("MethodNotAllowed", "Read-only API.")), 0, null);
        }
        if (request.path().equals(PREFIX + "/ping")) {
            return envelope(200, true, List.of(), 0, "pong");
        }
        int pageNumber = Math.max(1, request.intQuery("PageNumber", 1));
        int pageRows = Math.min(MAX_PAGE_ROWS, Math.max(1, request.intQuery("PageRows", MAX_PAGE_ROWS)));
        if (request.path().equals(PREFIX + "/customers")) {
            List<Map<String, Object>> customers = new ArrayList<>();
            for (var entry : VendorApi.page(server.customerNames(), pageNumber, pageRows)) {
                customers.add(Map.of("CustomerCode", entry.getKey(), "CustomerDescription", entry.getValue()));
            }
            return envelope(200, true, List.of(), server.customerCount(), customers);
        }
        Matcher devices = DEVICES.matcher(request.path());
        if (devices.matches()) {
            return server.customer(devices.group(1))
                    .map(customer -> devices(customer, server, world, state.clock(), pageNumber, pageRows))
                    .orElseGet(() -> envelope(404, false,
                            List.of(error("CustomerNotFound", "No customer " + devices.group(1) + " for this dealer.")), 0, null));
        }
        return envelope(404, false, List.of(error("NotFound", "No such endpoint.")), 0, null);
    }

    private SimResponse devices(SimCustomer customer, SimServer server, SimWorld world, LocalDate clock, int pageNumber,
            int pageRows) {
        LocalDate day = CurrentReading.day(customer, clock);
        List<SimDevice> all = customer.devicesOn(day);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SimDevice device : VendorApi.page(all, pageNumber, pageRows)) {
            Counters c = world.generator().endOfDay(device, day, vendor());
            var read = VendorApi.readingTime(day, customer.timeZone());
            Map<String, Object> counter = new LinkedHashMap<>();
            counter.put("Received", read.toString());
            counter.put("Mono", device.garbage().containsKey(day) ? device.garbage().get(day) : c.mono());
            counter.put("Color", c.color());
            counter.put("MonoA3", c.monoA3());
            counter.put("ColorA3", c.colorA3());
            counter.put("Fax", 0);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("Id", device.id());
            row.put("SerialNumber", device.serialNumber());
            row.put("AssetNumber", device.assetNumber());
            row.put("Brand", device.make());
            row.put("Model", device.model());
            row.put("IsManaged", device.managed());
            row.put("Install", device.install() == null ? null : device.install().toString());
            row.put("Uninstall", device.uninstall() == null ? null : device.uninstall().toString());
            row.put("LastUpdate", read.toString());
            row.put("Counter", counter);
            rows.add(row);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("CustomerCode", customer.id());
        result.put("CustomerDescription", customer.name());
        result.put("TimeZoneIana", customer.timeZone().getId());
        result.put("GeneratedAtUtc", java.time.Instant.now().toString());
        result.put("Devices", rows);
        return envelope(200, true, List.of(), all.size(), result);
    }

    @Override
    public SimResponse invalidFault(String code) {
        return envelope(200, false, List.of(error(code == null ? "InternalError" : code, "Simulated failure.")), 0, null);
    }

    static SimResponse envelope(int status, boolean valid, List<Map<String, String>> errors, int totalRows, Object result) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("IsValid", valid);
        body.put("Errors", errors);
        body.put("TotalRows", totalRows);
        body.put("Result", result);
        return SimResponse.json(status, body);
    }

    private static Map<String, String> error(String code, String description) {
        return Map.of("Code", code, "Description", description);
    }
}
