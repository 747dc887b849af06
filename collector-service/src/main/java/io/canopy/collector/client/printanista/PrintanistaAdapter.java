package io.canopy.collector.client.printanista;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
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
import io.canopy.collector.domain.DayAggregate;
import io.canopy.collector.domain.DroppedValues;
import io.canopy.collector.domain.FeedTarget;
import io.canopy.collector.domain.ServerAccess;
import io.canopy.collector.domain.VendorCustomer;
import io.canopy.collector.domain.VendorFailure;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.VendorType;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * ECI Printanista: API key plus HTTP Basic; accounts list what the dealer granted. The all-devices
 * report is used when granted (and the feed wants all devices), else the managed-only one; a 409
 * means the integration is disabled on that account.
 */
@ApplicationScoped
public class PrintanistaAdapter implements VendorAdapter {

    static final String API = "/api/printreleaf/v1";
    static final String ALL_DEVICES = "printreleaf";
    static final String MANAGED_ONLY = "printreleaf-managed-only";

    @Inject
    VendorHttp http;

    @Override
    public VendorType vendor() {
        return VendorType.PRINTANISTA;
    }

    @Override
    public Uni<Void> check(ServerAccess server) {
        return accounts(server).replaceWithVoid();
    }

    @Override
    public Uni<List<VendorCustomer>> customers(ServerAccess server) {
        return accounts(server).map(accounts -> {
            List<VendorCustomer> list = new ArrayList<>();
            accounts.forEach(a -> list.add(new VendorCustomer(a.path("accountId").asText(), a.path("name").asText())));
            return list;
        });
    }

    @Override
    public Uni<CollectedWindow> collect(ServerAccess server, FeedTarget feed, DateWindow window, LocalDate asOf) {
        DroppedValues dropped = new DroppedValues();
        return accounts(server).flatMap(accounts -> {
            JsonNode account = null;
            for (JsonNode a : accounts) {
                if (feed.externalCustomerId().equals(a.path("accountId").asText())) {
                    account = a;
                }
            }
            if (account == null) {
                throw new VendorFailure(FailureKind.INTEGRATION_DISABLED, "Printanista account "
                        + feed.externalCustomerId() + " is not shared with this dealer (integration not enabled)", null, 1);
            }
            List<String> granted = new ArrayList<>();
            account.path("reports").forEach(r -> granted.add(r.asText()));
            String report = !feed.managedOnly() && granted.contains(ALL_DEVICES) ? ALL_DEVICES : MANAGED_ONLY;
            if (!granted.contains(report)) {
                throw new VendorFailure(FailureKind.INTEGRATION_DISABLED, "Printanista account " + feed.externalCustomerId()
                        + " grants no usable report", null, 1);
            }
            String path = API + "/reports/" + report;
            return Multi.createFrom().iterable(window.splitIntoDays())
                    .onItem().transformToUniAndConcatenate(day -> get(server, path, Map.of("accountId",
                            feed.externalCustomerId(), "startDate", day.from().toString(), "endDate", day.to().toString()))
                            .map(body -> Report.parse(day.from(), body, path, dropped).toAggregate()))
                    .collect().asList()
                    .map(days -> CollectedWindow.ofAggregates(days, dropped));
        });
    }

    private Uni<JsonNode> accounts(ServerAccess server) {
        return get(server, API + "/accounts", Map.of()).map(body -> {
            if (!body.isArray()) {
                throw VendorFailure.rejected(API + "/accounts", body.toString(), "Printanista account list is not an array");
            }
            return body;
        });
    }

    private Uni<JsonNode> get(ServerAccess server, String path, Map<String, String> query) {
        String basic = Base64.getEncoder().encodeToString((server.credential("username") + ":" + server.credential("password"))
                .getBytes(StandardCharsets.UTF_8));
        return http.get(server, path, query, Map.of("Authorization", "Basic " + basic, "X-Api-Key", server.credential("api_key"),
                "Accept", "application/json")).map(PrintanistaAdapter::requireOk);
    }

    private static JsonNode requireOk(VendorResponse response) {
        if (response.status() == 409) {
            throw new VendorFailure(FailureKind.INTEGRATION_DISABLED,
                    "Printanista: PrintReleafIntegrationDisabled on this account", 409, 1);
        }
        return AdapterSupport.requireOk(response, "Printanista").json();
    }

    /** The fields Canopy keeps of a Printanista report; its lastAuditDate is the vendor's stated data date. */
    record Report(LocalDate day, long small, long large, long duplex, int devices, LocalDate lastAuditDate) {

        static Report parse(LocalDate day, JsonNode body, String path, DroppedValues dropped) {
            OptionalLong small = JsonCounters.parse(body.path("smallPageCount"), dropped);
            OptionalLong large = JsonCounters.parse(body.path("largePageCount"), dropped);
            OptionalLong duplex = JsonCounters.parse(body.path("duplexPageCount"), dropped);
            if (small.isEmpty() || large.isEmpty() || duplex.isEmpty()) {
                throw VendorFailure.rejected(path, body.toString(), "Printanista report for " + day + " has unusable counts");
            }
            LocalDate audit = null;
            if (body.path("lastAuditDate").isTextual()) {
                try {
                    audit = LocalDate.parse(body.path("lastAuditDate").asText().substring(0,
                            Math.min(10, body.path("lastAuditDate").asText().length())));
                } catch (DateTimeParseException e) {
                    dropped.add("bad_last_audit_date");
                }
            }
            return new Report(day, small.getAsLong(), large.getAsLong(), duplex.getAsLong(),
                    body.path("numberOfDevices").asInt(0), audit);
        }

        DayAggregate toAggregate() {
            return new DayAggregate(day, small, large, duplex, devices, lastAuditDate);
        }
    }
}
