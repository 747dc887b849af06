package io.canopy.simulator.vendors;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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

/** OneStop MPS Portal: password-grant token, then per-window volume summaries. */
final class OneStopApi implements VendorApi {

    private static final Pattern SUMMARY = Pattern.compile("/api/customers/([^/]+)/meterreadings/summary");
    private static final int MAX_RANGE_DAYS = 366;

    @Override
    public VendorType vendor() {
        return VendorType.ONESTOP;
    }

    @Override
    public SimResponse handle(SimRequest request, SimServer server, SimWorld world, SimState state) {
        if (request.path().equals("/token")) {
            return token(request, server, state);
        }
        String auth = request.header("authorization").orElse("");
        String token = auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : "";
        if (state.credentialsRevoked(server.name()) || !state.tokenValid(token, server.name())) {
            return SimResponse.json(401, Map.of("message", "Authorization has been denied for this request."));
        }
        if (!"GET".equals(request.method())) {
            return SimResponse.json(405, Map.of("message", "Read-only API."));
        }
        if (request.path().equals("/api/customers")) {
            List<Map<String, Object>> customers = new ArrayList<>();
            for (var entry : server.customerNames()) {
                customers.add(Map.of("id", numeric(entry.getKey()), "name", entry.getValue()));
            }
            return SimResponse.ok(customers);
        }
        Matcher summary = SUMMARY.matcher(request.path());
        if (summary.matches()) {
            return summary(request, summary.group(1), server, world, state.clock());
        }
        return SimResponse.json(404, Map.of("message", "No HTTP resource was found that matches the request URI."));
    }

    private SimResponse token(SimRequest request, SimServer server, SimState state) {
        if (!"POST".equals(request.method())) {
            return SimResponse.json(405, Map.of("error", "unsupported_method"));
        }
        Map<String, String> form = form(request.body());
        if (!"password".equals(form.get("grant_type"))) {
            return SimResponse.json(400, Map.of("error", "unsupported_grant_type"));
        }
        if (state.credentialsRevoked(server.name()) || !server.credential("username").equals(form.get("username"))
                || !server.credential("password").equals(form.get("password"))) {
            return SimResponse.json(400, Map.of("error", "invalid_grant",
                    "error_description", "The user name or password is incorrect."));
        }
        String token = UUID.randomUUID().toString().replace("-", "");
        state.issueToken(token, server.name());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("token_type", "bearer");
        body.put("expires_in", 3600);
        return SimResponse.ok(body);
    }

    private SimResponse summary(SimRequest request, String customerId, SimServer server, SimWorld world, LocalDate clock) {
        LocalDate from;
        LocalDate to;
        try {
            from = LocalDate.parse(request.query("fromDate").orElseThrow(() -> new DateTimeParseException("missing", "", 0)));
            to = LocalDate.parse(request.query("toDate").orElseThrow(() -> new DateTimeParseException("missing", "", 0)));
        } catch (DateTimeParseException e) {
            return SimResponse.json(400, Map.of("message", "fromDate and toDate must be dates (YYYY-MM-DD)."));
        }
        if (!from.isBefore(to)) {
            return SimResponse.json(400, Map.of("message", "fromDate must be before toDate."));
        }
        if (ChronoUnit.DAYS.between(from, to) > MAX_RANGE_DAYS) {
            return SimResponse.json(400, Map.of("message", "The date range may not exceed 366 days."));
        }
        var found = server.customer(customerId);
        if (found.isEmpty()) {
            return SimResponse.json(404, Map.of("message", "Customer " + customerId + " not found."));
        }
        SimCustomer customer = found.get();
        DayVolume sum = DayVolume.ZERO;
        Set<String> reporting = new HashSet<>();
        for (LocalDate day = from; day.isBefore(to) && day.isBefore(clock); day = day.plusDays(1)) {
            if (customer.agentSilent(day, clock)) {
                continue;
            }
            for (SimDevice device : customer.devicesOn(day)) {
                sum = sum.plus(world.generator().volume(device, day, vendor()));
                reporting.add(device.id());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", numeric(customerId));
        body.put("fromDate", from.toString());
        body.put("toDate", to.toString());
        body.put("deviceTotal", reporting.size());
        body.put("monoTotal", sum.monoSmall() + sum.monoLarge());
        body.put("colourTotal", sum.colorSmall() + sum.colorLarge());
        body.put("smallTotal", sum.small());
        body.put("largeTotal", sum.large());
        body.put("duplexTotal", sum.duplexSheets());
        body.put("scanTotal", sum.impressions() / 7);
        return SimResponse.ok(body);
    }

    private static Object numeric(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return id;
        }
    }

    static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }
}
