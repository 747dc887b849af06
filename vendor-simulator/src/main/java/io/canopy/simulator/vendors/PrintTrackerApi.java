package io.canopy.simulator.vendors;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
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
import io.canopy.simulator.generation.VolumeGenerator;

/**
 * Print Tracker: {@code x-api-key}, an entity tree (dealer → customers), devices, and the history
 * of meter reads with string counter values.
 */
final class PrintTrackerApi implements VendorApi {

    private static final Pattern ENTITY = Pattern.compile("/v1/entity/([^/]+)");
    private static final Pattern DEVICES = Pattern.compile("/v1/entity/([^/]+)/device");
    private static final Pattern METERS = Pattern.compile("/v1/entity/([^/]+)/meter");
    private static final int MAX_LIMIT = 1000;

    @Override
    public VendorType vendor() {
        return VendorType.PRINT_TRACKER;
    }

    @Override
    public SimResponse handle(SimRequest request, SimServer server, SimWorld world, SimState state) {
        String key = request.header("x-api-key").orElse("");
        if (state.credentialsRevoked(server.name()) || !key.equals(server.credential("api_key"))) {
            return SimResponse.json(401, Map.of("error", "Unauthorized", "message", "Invalid API key."));
        }
        if (!"GET".equals(request.method())) {
            return SimResponse.json(405, Map.of("error", "MethodNotAllowed"));
        }
        int page = Math.max(1, request.intQuery("page", 1));
        int limit = Math.min(MAX_LIMIT, Math.max(1, request.intQuery("limit", 100)));
        Matcher m;
        if ((m = ENTITY.matcher(request.path())).matches()) {
            return entity(request, m.group(1), server, world);
        }
        if ((m = DEVICES.matcher(request.path())).matches()) {
            String id = m.group(1);
            return withCustomer(id, server, world, customer -> devices(customer, state.clock(), page, limit));
        }
        if ((m = METERS.matcher(request.path())).matches()) {
            String id = m.group(1);
            return withCustomer(id, server, world, customer -> meters(request, customer, world, state.clock(), page, limit));
        }
        return SimResponse.json(404, Map.of("error", "NotFound", "message", "No such endpoint."));
    }

    private SimResponse entity(SimRequest request, String id, SimServer server, SimWorld world) {
        boolean children = request.query("includeChildren").map("true"::equalsIgnoreCase).orElse(false);
        if (id.equals(server.entityId())) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", id);
            body.put("name", server.name());
            List<Map<String, String>> list = new ArrayList<>();
            if (children) {
                server.customerNames().forEach(e -> list.add(Map.of("id", e.getKey(), "name", e.getValue())));
            }
            body.put("children", list);
            return SimResponse.ok(body);
        }
        return withCustomer(id, server, world, customer -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", customer.id());
            body.put("name", customer.name());
            body.put("children", List.of());
            return SimResponse.ok(body);
        });
    }

    private SimResponse withCustomer(String id, SimServer server, SimWorld world,
            java.util.function.Function<SimCustomer, SimResponse> action) {
        var customer = server.customer(id);
        if (customer.isPresent()) {
            return action.apply(customer.get());
        }
        boolean elsewhere = world.servers().stream()
                .filter(s -> s.vendor() == VendorType.PRINT_TRACKER && s != server)
                .anyMatch(s -> s.entityId().equals(id) || s.customer(id).isPresent());
        return elsewhere
                ? SimResponse.json(403, Map.of("error", "Forbidden", "message", "Entity is not under your dealer."))
                : SimResponse.json(404, Map.of("error", "NotFound", "message", "Entity " + id + " not found."));
    }

    private SimResponse devices(SimCustomer customer, LocalDate clock, int page, int limit) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SimDevice device : VendorApi.page(customer.devicesOn(clock.minusDays(1)), page, limit)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", device.id());
            row.put("serialNumber", device.serialNumber());
            row.put("make", device.make());
            row.put("model", device.model());
            row.put("assetID", device.assetNumber());
            row.put("managed", device.managed());
            rows.add(row);
        }
        return SimResponse.ok(rows);
    }

    private record Read(SimDevice device, LocalDate day, Instant at, boolean midDay) {
    }

    private SimResponse meters(SimRequest request, SimCustomer customer, SimWorld world, LocalDate clock, int page,
            int limit) {
        Instant start;
        Instant end;
        try {
            start = Instant.parse(request.query("start").orElseThrow(() -> new DateTimeParseException("missing", "", 0)));
            end = Instant.parse(request.query("end").orElseThrow(() -> new DateTimeParseException("missing", "", 0)));
        } catch (DateTimeParseException e) {
            return SimResponse.json(400, Map.of("error", "BadRequest", "message", "start and end must be ISO-8601 instants."));
        }
        if (!start.isBefore(end)) {
            return SimResponse.json(400, Map.of("error", "BadRequest", "message", "start must be before end."));
        }
        List<Read> reads = new ArrayList<>();
        LocalDate firstDay = start.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
        LocalDate lastDay = end.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
        for (SimDevice device : customer.devices()) {
            for (LocalDate day = firstDay; !day.isAfter(lastDay) && day.isBefore(clock); day = day.plusDays(1)) {
                boolean visible = device.servesOn(customer.id(), day) && !customer.agentSilent(day, clock)
                        && !clock.isBefore(day.plusDays(1 + device.lateDays()));
                if (!visible) {
                    continue;
                }
                reads.add(new Read(device, day, VendorApi.readingTime(day, customer.timeZone()), false));
                if (device.duplicateReads().contains(day)) {
                    reads.add(new Read(device, day, VendorApi.readingTime(day, customer.timeZone()), false));
                }
                if (device.extraReads().contains(day)) {
                    reads.add(new Read(device, day, VendorApi.midDayReadingTime(day, customer.timeZone()), true));
                }
            }
        }
        List<Read> inWindow = reads.stream().filter(r -> !r.at().isBefore(start) && r.at().isBefore(end))
                .sorted(Comparator.comparing(Read::at).thenComparing(r -> r.device().id())).toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Read read : VendorApi.page(inWindow, page, limit)) {
            rows.add(meterRow(read, world));
        }
        return SimResponse.ok(rows);
    }

    private Map<String, Object> meterRow(Read read, SimWorld world) {
        SimDevice device = read.device();
        Counters c = read.midDay() ? world.generator().midDay(device, read.day(), vendor())
                : world.generator().endOfDay(device, read.day(), vendor());
        Object total = device.garbage().containsKey(read.day()) && !read.midDay()
                ? device.garbage().get(read.day())
                : Long.toString(c.total());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("total", value("Total", total));
        counts.put("totalBlack", value("Total Black", Long.toString(c.mono())));
        counts.put("totalColor", value("Total Color", Long.toString(c.color())));
        Map<String, Object> pageCounts = new LinkedHashMap<>();
        pageCounts.put(device.counterSource(), counts);
        if (!"equiv".equals(device.counterSource())) {
            // An "equivalent" group that must not be mistaken for the life counters.
            pageCounts.put("equiv", Map.of("total", value("Equivalent Total", Long.toString(c.total() * 2))));
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", Long.toHexString(VolumeGenerator.stableKey(device.id(), read.at().toString(),
                Boolean.toString(read.midDay()))));
        row.put("deviceKey", device.id());
        row.put("timestamp", read.at().toString());
        row.put("pageCounts", pageCounts);
        return row;
    }

    private static Map<String, Object> value(String displayName, Object value) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("displayName", displayName);
        v.put("value", value);
        return v;
    }
}
