package io.canopy.collector.client.printerpoint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import io.canopy.collector.client.AdapterSupport;
import io.canopy.collector.client.JsonCounters;
import io.canopy.collector.client.VendorAdapter;
import io.canopy.collector.client.VendorHttp;
import io.canopy.collector.domain.CollectedWindow;
import io.canopy.collector.domain.DeviceReading;
import io.canopy.collector.domain.DroppedValues;
import io.canopy.collector.domain.FeedTarget;
import io.canopy.collector.domain.ServerAccess;
import io.canopy.collector.domain.VendorCustomer;
import io.canopy.collector.domain.VendorFailure;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.VendorType;
import io.smallrye.mutiny.Uni;

/**
 * Printerpoint: HTTP Basic with the API token as user name, one list of printers with named
 * meters. Every listed printer counts (no managed flag); device identity is assetId + serial.
 */
@ApplicationScoped
public class PrinterpointAdapter implements VendorAdapter {

    static final String PRINTERS = "/dealer/printers";
    static final String MONO = "Pages Monochrome Total";
    static final String COLOR = "Pages Color Total";
    static final String MONO_TABLOID = "Pages Monochrome Tabloid";
    static final String COLOR_TABLOID = "Pages Color Tabloid";
    static final String AREA = "Paper Area Total";

    @Inject
    VendorHttp http;

    @Override
    public VendorType vendor() {
        return VendorType.PRINTERPOINT;
    }

    @Override
    public Uni<Void> check(ServerAccess server) {
        return printers(server, Map.of()).replaceWithVoid();
    }

    @Override
    public Uni<List<VendorCustomer>> customers(ServerAccess server) {
        return printers(server, Map.of()).map(printers -> {
            Map<String, String> customers = new LinkedHashMap<>();
            printers.forEach(p -> customers.putIfAbsent(p.path("customerCompanyId").asText(),
                    p.path("customerCompanyName").asText()));
            List<VendorCustomer> list = new ArrayList<>();
            customers.forEach((id, name) -> list.add(new VendorCustomer(id, name)));
            return list;
        });
    }

    @Override
    public Uni<CollectedWindow> collect(ServerAccess server, FeedTarget feed, DateWindow window, LocalDate asOf) {
        DroppedValues dropped = new DroppedValues();
        return printers(server, Map.of("customerCompanyId", feed.externalCustomerId())).map(printers -> {
            List<DeviceReading> readings = new ArrayList<>();
            for (JsonNode printer : printers) {
                if (feed.externalCustomerId().equals(printer.path("customerCompanyId").asText())) {
                    Printer.parse(printer, dropped).ifPresent(p -> readings.add(p.toReading()));
                }
            }
            return CollectedWindow.ofReadings(readings, printers.size(), dropped);
        });
    }

    private Uni<JsonNode> printers(ServerAccess server, Map<String, String> query) {
        String basic = Base64.getEncoder().encodeToString((server.credential("api_token") + ":").getBytes(StandardCharsets.UTF_8));
        return http.get(server, PRINTERS, query, Map.of("Authorization", "Basic " + basic, "Accept", "application/json"))
                .map(response -> {
                    JsonNode body = AdapterSupport.requireOk(response, "Printerpoint").json();
                    if (!body.isArray()) {
                        throw VendorFailure.rejected(PRINTERS, response.body(), "Printerpoint printer list is not an array");
                    }
                    return body;
                });
    }

    /** The fields Canopy keeps of a Printerpoint printer. */
    record Printer(String id, Instant lastSeen, long small, long large, Long area) {

        static java.util.Optional<Printer> parse(JsonNode printer, DroppedValues dropped) {
            String asset = printer.path("assetId").asText("");
            String serial = printer.path("serialNumber").asText("");
            if (asset.isBlank() && serial.isBlank()) {
                dropped.add("device_without_id");
                return java.util.Optional.empty();
            }
            Instant seen;
            try {
                seen = Instant.parse(printer.path("lastSeen").asText());
            } catch (DateTimeParseException e) {
                dropped.add("bad_timestamp");
                return java.util.Optional.empty();
            }
            Map<String, JsonNode> meters = new LinkedHashMap<>();
            printer.path("meters").forEach(m -> meters.put(m.path("name").asText(), m.path("value")));
            OptionalLong mono = JsonCounters.parse(meters.get(MONO), dropped);
            OptionalLong color = JsonCounters.parse(meters.get(COLOR), dropped);
            if (mono.isEmpty() || color.isEmpty()) {
                return java.util.Optional.empty();
            }
            long large = optional(meters.get(MONO_TABLOID), dropped) + optional(meters.get(COLOR_TABLOID), dropped);
            long small = mono.getAsLong() + color.getAsLong() - large;
            if (small < 0) {
                dropped.add("inconsistent_counters");
                return java.util.Optional.empty();
            }
            Long area = meters.containsKey(AREA) ? JsonCounters.parse(meters.get(AREA), dropped).stream().boxed()
                    .findFirst().orElse(null) : null;
            return java.util.Optional.of(new Printer(asset + "/" + serial, seen, small, large, area));
        }

        /** Tabloid meters are absent on devices without A3: absence is zero, garbage is dropped. */
        private static long optional(JsonNode value, DroppedValues dropped) {
            return value == null ? 0 : JsonCounters.parse(value, dropped).orElse(0);
        }

        DeviceReading toReading() {
            return new DeviceReading(id, true, lastSeen, small, large, area, "meters");
        }
    }
}
