package io.canopy.collector.client.mpsmonitor;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
import io.canopy.collector.client.VendorResponse;
import io.canopy.collector.domain.CollectedWindow;
import io.canopy.collector.domain.DeviceReading;
import io.canopy.collector.domain.DroppedValues;
import io.canopy.collector.domain.FeedTarget;
import io.canopy.collector.domain.PageBudget;
import io.canopy.collector.domain.ServerAccess;
import io.canopy.collector.domain.VendorCustomer;
import io.canopy.collector.domain.VendorFailure;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.VendorType;
import io.smallrye.mutiny.Uni;

/**
 * MPS Monitor: current lifetime counters only. Every body is wrapped in
 * {@code {IsValid, Errors, TotalRows, Result}} and a 200 with {@code IsValid:false} is a failure.
 */
@ApplicationScoped
public class MpsMonitorAdapter implements VendorAdapter {

    static final String API = "/api/printreleaf/v1";
    static final int PAGE_ROWS = 500;
    static final String COUNTER_SOURCE = "Counter";

    @Inject
    VendorHttp http;

    @Override
    public VendorType vendor() {
        return VendorType.MPS_MONITOR;
    }

    @Override
    public Uni<Void> check(ServerAccess server) {
        return call(server, API + "/ping", Map.of()).replaceWithVoid();
    }

    @Override
    public Uni<List<VendorCustomer>> customers(ServerAccess server) {
        return pages(server, API + "/customers", 1, http.budget(), new ArrayList<>(), List.of("Result"),
                (c, list) -> list.add(new MpsCustomer(c.path("CustomerCode").asText(), c.path("CustomerDescription").asText())
                        .toVendorCustomer()));
    }

    @Override
    public Uni<CollectedWindow> collect(ServerAccess server, FeedTarget feed, DateWindow window, LocalDate asOf) {
        DroppedValues dropped = new DroppedValues();
        List<DeviceReading> readings = new ArrayList<>();
        int[] devices = { 0 };
        String path = API + "/customers/" + feed.externalCustomerId() + "/devices";
        // Device pages (up to 500 devices each) are parsed streaming: one device's tree at a time.
        return pages(server, path, 1, http.budget(), readings, DEVICES, (device, list) -> {
            devices[0]++;
            MpsDevice.parse(device, dropped).filter(d -> !feed.managedOnly() || d.managed())
                    .ifPresent(d -> list.add(d.toReading()));
        }).map(list -> CollectedWindow.ofReadings(list, devices[0], dropped));
    }

    /** Where a device page keeps its devices: {@code Result.Devices}. */
    static final List<String> DEVICES = List.of("Result", "Devices");

    private interface ItemReader<T> {
        /** Adds what Canopy keeps of one list item. */
        void read(JsonNode item, List<T> into);
    }

    /** Pages of a list streamed item by item (the array at {@code itemsAt}), within the budget. */
    private <T> Uni<List<T>> pages(ServerAccess server, String path, int pageNumber, PageBudget budget, List<T> into,
            List<String> itemsAt, ItemReader<T> reader) {
        int[] rows = { 0 };
        return call(server, path, Map.of("PageNumber", Integer.toString(pageNumber), "PageRows", Integer.toString(PAGE_ROWS)),
                itemsAt, item -> {
                    rows[0]++;
                    reader.read(item, into);
                })
                .flatMap(envelope -> {
                    budget.read(rows[0], path);
                    long total = envelope.path("TotalRows").asLong(0);
                    boolean more = rows[0] > 0 && (long) pageNumber * PAGE_ROWS < total;
                    if (!more) {
                        return Uni.createFrom().item(into);
                    }
                    budget.next(path);
                    return pages(server, path, pageNumber + 1, budget, into, itemsAt, reader);
                });
    }

    private Uni<JsonNode> call(ServerAccess server, String path, Map<String, String> query) {
        return http.get(server, path, query, Map.of("X-Dealer-Token", server.credential("dealer_token"), "Accept",
                "application/json")).map(response -> envelope(response, response.ok() ? response.json() : null));
    }

    private Uni<JsonNode> call(ServerAccess server, String path, Map<String, String> query, List<String> itemsAt,
            java.util.function.Consumer<JsonNode> item) {
        return http.get(server, path, query, Map.of("X-Dealer-Token", server.credential("dealer_token"), "Accept",
                "application/json")).map(response -> envelope(response, response.ok() ? response.json(itemsAt, item) : null));
    }

    /** Unwraps the envelope; IsValid:false is a failure even with a 200. */
    static JsonNode envelope(VendorResponse response) {
        return envelope(response, response.ok() ? response.json() : null);
    }

    /** @param body the parsed body of a 2xx answer (null otherwise) */
    static JsonNode envelope(VendorResponse response, JsonNode body) {
        if (response.status() == 404 && response.body().contains("CustomerNotFound")) {
            throw new VendorFailure(FailureKind.NOT_FOUND, "MPS Monitor: customer not found (CustomerNotFound)", 404, 1);
        }
        AdapterSupport.requireOk(response, "MPS Monitor");
        if (!body.has("IsValid")) {
            throw VendorFailure.rejected(response.endpoint(), response.body(), "MPS Monitor body has no IsValid envelope");
        }
        if (!body.path("IsValid").asBoolean(false)) {
            String code = body.path("Errors").path(0).path("Code").asText("unknown");
            FailureKind kind = code.toLowerCase().contains("token") || code.toLowerCase().contains("auth")
                    ? FailureKind.AUTH_REJECTED : FailureKind.VENDOR_ERROR;
            throw new VendorFailure(kind, "MPS Monitor answered IsValid:false (" + code + ")", response.status(), 1);
        }
        return body;
    }

    /** The fields Canopy keeps of an MPS Monitor customer. */
    record MpsCustomer(String code, String description) {
        VendorCustomer toVendorCustomer() {
            return new VendorCustomer(code, description);
        }
    }

    /** The fields Canopy keeps of an MPS Monitor device (everything else is dropped). */
    record MpsDevice(String id, boolean managed, Instant lastUpdate, long small, long large) {

        static java.util.Optional<MpsDevice> parse(JsonNode device, DroppedValues dropped) {
            String id = device.path("Id").asText("");
            if (id.isBlank()) {
                dropped.add("device_without_id");
                return java.util.Optional.empty();
            }
            Instant when;
            try {
                when = Instant.parse(device.path("LastUpdate").asText());
            } catch (DateTimeParseException e) {
                dropped.add("bad_timestamp");
                return java.util.Optional.empty();
            }
            JsonNode counter = device.path("Counter");
            OptionalLong mono = JsonCounters.parse(counter.path("Mono"), dropped);
            OptionalLong color = JsonCounters.parse(counter.path("Color"), dropped);
            OptionalLong monoA3 = JsonCounters.parse(counter.path("MonoA3"), dropped);
            OptionalLong colorA3 = JsonCounters.parse(counter.path("ColorA3"), dropped);
            if (mono.isEmpty() || color.isEmpty() || monoA3.isEmpty() || colorA3.isEmpty()) {
                return java.util.Optional.empty();
            }
            long large = monoA3.getAsLong() + colorA3.getAsLong();
            long small = mono.getAsLong() + color.getAsLong() - large;
            if (small < 0) {
                dropped.add("inconsistent_counters");
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new MpsDevice(id, device.path("IsManaged").asBoolean(false), when, small, large));
        }

        DeviceReading toReading() {
            return new DeviceReading(id, managed, lastUpdate, small, large, null, COUNTER_SOURCE);
        }
    }
}
