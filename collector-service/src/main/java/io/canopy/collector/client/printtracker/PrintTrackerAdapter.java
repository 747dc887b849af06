package io.canopy.collector.client.printtracker;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
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
import io.canopy.collector.config.CollectorConfig;
import io.canopy.collector.domain.CollectedWindow;
import io.canopy.collector.domain.DeviceReading;
import io.canopy.collector.domain.DroppedValues;
import io.canopy.collector.domain.FeedTarget;
import io.canopy.collector.domain.PageBudget;
import io.canopy.collector.domain.ServerAccess;
import io.canopy.collector.domain.VendorCustomer;
import io.canopy.collector.domain.VendorFailure;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.VendorType;
import io.smallrye.mutiny.Uni;

/**
 * Print Tracker: an entity tree, devices with a managed flag, and the history of meter reads whose
 * counter values are strings. The counter group is chosen once per device (life, else default, else
 * equiv) and kept, because switching groups makes counters jump.
 */
@ApplicationScoped
public class PrintTrackerAdapter implements VendorAdapter {

    static final int LIMIT = 100;
    static final List<String> SOURCES = List.of("life", "default", "equiv");

    @Inject
    VendorHttp http;

    @Inject
    CollectorConfig config;

    @Override
    public VendorType vendor() {
        return VendorType.PRINT_TRACKER;
    }

    @Override
    public Uni<Void> check(ServerAccess server) {
        return entity(server).replaceWithVoid();
    }

    @Override
    public Uni<List<VendorCustomer>> customers(ServerAccess server) {
        return entity(server).map(body -> {
            List<VendorCustomer> customers = new ArrayList<>();
            body.path("children").forEach(c -> customers.add(new VendorCustomer(c.path("id").asText(), c.path("name").asText())));
            return customers;
        });
    }

    private Uni<JsonNode> entity(ServerAccess server) {
        String path = "/v1/entity/" + server.credential("entity_id");
        return get(server, path, Map.of("includeChildren", "true"));
    }

    @Override
    public Uni<CollectedWindow> collect(ServerAccess server, FeedTarget feed, DateWindow window, LocalDate asOf) {
        DroppedValues dropped = new DroppedValues();
        String customer = "/v1/entity/" + feed.externalCustomerId();
        Instant start = window.from().atStartOfDay(feed.timeZone()).toInstant();
        Instant end = window.to().atStartOfDay(feed.timeZone()).toInstant();
        PageBudget budget = http.budget();
        return pages(server, customer + "/device", Map.of(), 1, budget, new ArrayList<>()).flatMap(devices -> {
            Map<String, Boolean> managed = new HashMap<>();
            devices.forEach(d -> managed.put(d.path("id").asText(), d.path("managed").asBoolean(false)));
            return baselineReads(server, feed, window, customer, budget).flatMap(earlier -> pages(server, customer + "/meter",
                    Map.of("start", start.toString(), "end", end.toString()), 1, budget, new ArrayList<>()).map(reads -> {
                        List<DeviceReading> readings = new ArrayList<>();
                        // one counter group per device for the baseline and the window alike
                        Map<String, String> sourceByDevice = new HashMap<>();
                        Map<String, PtRead> baselines = new java.util.LinkedHashMap<>();
                        DroppedValues ignored = new DroppedValues(); // older reads' bad values are not this window's
                        for (JsonNode read : earlier) {
                            PtRead.parse(read, sourceByDevice, ignored).filter(r -> r.timestamp().isBefore(start))
                                    .ifPresent(r -> baselines.merge(r.deviceKey(), r,
                                            (a, b) -> b.timestamp().isAfter(a.timestamp()) ? b : a));
                        }
                        List<PtRead> kept = new ArrayList<>(baselines.values());
                        for (JsonNode read : reads) {
                            PtRead.parse(read, sourceByDevice, dropped).ifPresent(kept::add);
                        }
                        for (PtRead r : kept) {
                            boolean isManaged = managed.getOrDefault(r.deviceKey(), false);
                            if (!feed.managedOnly() || isManaged) {
                                readings.add(new DeviceReading(r.deviceKey(), isManaged, r.timestamp(), r.total(), 0,
                                        null, r.source()));
                            }
                        }
                        return CollectedWindow.ofReadings(readings, managed.size(), dropped);
                    }));
        });
    }

    /**
     * The activation day's pages count (DESIGN.md "Domain arithmetic"): a device's baseline is its
     * last read before the activation day, so a window that starts at the activation date also
     * fetches the reads of a bounded look-back before it ({@code canopy.collector.activation-lookback-days});
     * the caller keeps the last one per device. Any other window needs none: its baseline is in the
     * days collected before.
     */
    private Uni<List<JsonNode>> baselineReads(ServerAccess server, FeedTarget feed, DateWindow window, String customer,
            PageBudget budget) {
        if (!feed.startsAtActivation(window) || config.activationLookbackDays() <= 0) {
            return Uni.createFrom().item(List.of());
        }
        Instant from = window.from().minusDays(config.activationLookbackDays()).atStartOfDay(feed.timeZone()).toInstant();
        Instant to = window.from().atStartOfDay(feed.timeZone()).toInstant();
        return pages(server, customer + "/meter", Map.of("start", from.toString(), "end", to.toString()), 1, budget,
                new ArrayList<>());
    }

    /** Pages until a page has fewer than LIMIT items, within the collection's page and item budget. */
    private Uni<List<JsonNode>> pages(ServerAccess server, String path, Map<String, String> query, int page,
            PageBudget budget, List<JsonNode> into) {
        Map<String, String> q = new HashMap<>(query);
        q.put("page", Integer.toString(page));
        q.put("limit", Integer.toString(LIMIT));
        return get(server, path, q).flatMap(body -> {
            if (!body.isArray()) {
                throw VendorFailure.rejected(path, body.toString(), "Print Tracker list is not an array");
            }
            budget.read(body.size(), path);
            body.forEach(into::add);
            if (body.size() < LIMIT) {
                return Uni.createFrom().item(into);
            }
            budget.next(path);
            return pages(server, path, query, page + 1, budget, into);
        });
    }

    private Uni<JsonNode> get(ServerAccess server, String path, Map<String, String> query) {
        return http.get(server, path, query, Map.of("x-api-key", server.credential("api_key"), "Accept", "application/json"))
                .map(response -> AdapterSupport.requireOk(response, "Print Tracker").json());
    }

    /** The fields Canopy keeps of a meter read. */
    record PtRead(String deviceKey, Instant timestamp, long total, String source) {

        static java.util.Optional<PtRead> parse(JsonNode read, Map<String, String> sourceByDevice, DroppedValues dropped) {
            String device = read.path("deviceKey").asText("");
            Instant at;
            try {
                at = Instant.parse(read.path("timestamp").asText());
            } catch (DateTimeParseException e) {
                dropped.add("bad_timestamp");
                return java.util.Optional.empty();
            }
            if (device.isBlank()) {
                dropped.add("device_without_id");
                return java.util.Optional.empty();
            }
            JsonNode counts = read.path("pageCounts");
            String source = sourceByDevice.computeIfAbsent(device,
                    d -> SOURCES.stream().filter(s -> counts.path(s).has("total")).findFirst().orElse(null));
            if (source == null) {
                dropped.add("missing");
                return java.util.Optional.empty();
            }
            OptionalLong total = JsonCounters.parse(counts.path(source).path("total").path("value"), dropped);
            return total.isPresent() ? java.util.Optional.of(new PtRead(device, at, total.getAsLong(), "pageCounts." + source))
                    : java.util.Optional.empty();
        }
    }
}
