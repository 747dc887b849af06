package io.canopy.simulator.generation;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.vendors.VendorDescriptor;
import io.canopy.simulator.scenario.CustomerSpec;
import io.canopy.simulator.scenario.DeviceSpec;
import io.canopy.simulator.scenario.Scenario;
import io.canopy.simulator.scenario.ServerSpec;
import io.canopy.simulator.scenario.ServerSpec.GeneratedCustomers;
import io.canopy.simulator.scenario.VolumeProfile;

/**
 * One simulated vendor server: its credentials and customers. Customers listed in the scenario are
 * resolved up front; {@code generate:} customers are built on demand from their index, so a
 * 10,000-customer server costs almost no memory.
 */
public final class SimServer {

    private static final LocalDate DEFAULT_INSTALL = LocalDate.of(2025, 1, 1);

    private final ServerSpec spec;
    private final VendorType vendor;
    private final Scenario scenario;
    private final Map<String, SimCustomer> explicit = new LinkedHashMap<>();
    private final GeneratedCustomers generated;

    public SimServer(ServerSpec spec, Scenario scenario) {
        this.spec = spec;
        this.vendor = spec.vendorType();
        this.scenario = scenario;
        this.generated = spec.generate();
        resolveExplicitCustomers();
    }

    public String name() {
        return spec.name();
    }

    public VendorType vendor() {
        return vendor;
    }

    public Map<String, String> credentials() {
        return spec.credentials();
    }

    public String credential(String field) {
        return spec.credentials().getOrDefault(field, "");
    }

    /** Print Tracker: the dealer's parent entity id. */
    public String entityId() {
        return spec.credentials().getOrDefault("entity_id", String.format("%024x", VolumeGenerator.stableKey(name())));
    }

    public int latencyMs() {
        return spec.latencyMs() == null ? 0 : spec.latencyMs();
    }

    public int jitterMs() {
        return spec.jitterMs() == null ? 0 : spec.jitterMs();
    }

    public int customerCount() {
        return explicit.size() + (generated == null ? 0 : generated.customers());
    }

    /** Customer by position (explicit first, then generated), for listings and paging. */
    public SimCustomer customerAt(int index) {
        if (index < explicit.size()) {
            return new ArrayList<>(explicit.values()).get(index);
        }
        return generatedCustomer(index - explicit.size());
    }

    public List<SimCustomer> customers() {
        List<SimCustomer> all = new ArrayList<>(explicit.values());
        for (int i = 0; generated != null && i < generated.customers(); i++) {
            all.add(generatedCustomer(i));
        }
        return all;
    }

    /** Names and ids only: cheap even for 10,000 generated customers. */
    public List<Map.Entry<String, String>> customerNames() {
        List<Map.Entry<String, String>> names = new ArrayList<>();
        explicit.values().forEach(c -> names.add(Map.entry(c.id(), c.name())));
        for (int i = 0; generated != null && i < generated.customers(); i++) {
            names.add(Map.entry(generatedId(i), generatedName(i)));
        }
        return names;
    }

    public Optional<SimCustomer> customer(String id) {
        SimCustomer found = explicit.get(id);
        if (found != null) {
            return Optional.of(found);
        }
        if (generated != null) {
            Integer index = generatedIndex().get(id);
            if (index != null) {
                return Optional.of(generatedCustomer(index));
            }
        }
        return Optional.empty();
    }

    private volatile Map<String, Integer> generatedIndex;

    /** id → index of generated customers, built once on first lookup. */
    private Map<String, Integer> generatedIndex() {
        Map<String, Integer> index = generatedIndex;
        if (index == null) {
            index = new HashMap<>(generated.customers() * 2);
            for (int i = 0; i < generated.customers(); i++) {
                index.put(generatedId(i), i);
            }
            generatedIndex = index;
        }
        return index;
    }

    // ------------------------------------------------------------------ explicit customers

    private void resolveExplicitCustomers() {
        Map<String, List<SimDevice>> devicesByCustomer = new HashMap<>();
        for (CustomerSpec customer : spec.customers()) {
            devicesByCustomer.computeIfAbsent(customer.id(), k -> new ArrayList<>());
            for (DeviceSpec deviceSpec : customer.devices()) {
                for (SimDevice device : expand(customer.id(), deviceSpec)) {
                    devicesByCustomer.get(customer.id()).add(device);
                    if (device.movesTo() != null) {
                        devicesByCustomer.computeIfAbsent(device.movesTo(), k -> new ArrayList<>()).add(device);
                    }
                }
            }
        }
        for (CustomerSpec customer : spec.customers()) {
            explicit.put(customer.id(), new SimCustomer(customer.id(),
                    customer.name() == null ? "Customer " + customer.id() : customer.name(),
                    ZoneId.of(customer.timeZone() == null ? "UTC" : customer.timeZone()),
                    customer.reports(), customer.staleAgent(), List.copyOf(devicesByCustomer.get(customer.id())),
                    customer.activationDate()));
        }
    }

    private List<SimDevice> expand(String customerId, DeviceSpec d) {
        int count = d.count() == null ? 1 : d.count();
        String baseId = d.id() == null ? customerId + "-dev" : d.id();
        List<SimDevice> devices = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String id = count == 1 ? baseId : String.format("%s-%03d", baseId, i);
            long key = VolumeGenerator.stableKey(spec.name(), id);
            Map<LocalDate, Object> garbage = d.garbage().stream()
                    .collect(Collectors.toMap(DeviceSpec.Garbage::on, g -> g.value() == null ? "" : g.value(), (a, b) -> b));
            devices.add(new SimDevice(id, key, serial(key), "ASSET-" + Long.toHexString(key & 0xFFFFF).toUpperCase(Locale.ROOT),
                    d.make() == null ? "Lexmark" : d.make(), d.model() == null ? "MX622" : d.model(),
                    d.managed() == null || d.managed(), d.a3() != null && d.a3(), scenario.profile(d.profile()),
                    d.install() == null ? DEFAULT_INSTALL : d.install(), d.uninstall(),
                    d.initialCounter() == null ? 10_000 + (key & 0xFFFF) : d.initialCounter(),
                    d.rolloverModulus() == null ? 0 : d.rolloverModulus(),
                    d.counterSource() == null ? "life" : d.counterSource(), customerId,
                    d.move() == null ? null : d.move().to(), d.move() == null ? null : d.move().on(),
                    Set.copyOf(d.resets()), garbage, Set.copyOf(d.duplicateReads()), Set.copyOf(d.extraReads()),
                    d.lateDays() == null ? 0 : d.lateDays()));
        }
        return devices;
    }

    // ------------------------------------------------------------------ generated customers

    /** Generated customers per server this id space leaves room for. */
    private static final long IDS_PER_SERVER = 100_000_000L;

    /**
     * A generated customer's id, in the vendor's customer id format (its descriptor), so a new
     * vendor needs nothing here. Distinct per server too: Print Tracker answers 403 for another
     * dealer's customer, which needs ids that no other server has.
     */
    private String generatedId(int index) {
        long server = VolumeGenerator.stableKey(spec.name(), "customers") & 0x7FFF_FFFFL;
        return VendorDescriptor.of(vendor).customerId().format().sample(server * IDS_PER_SERVER + index);
    }

    private String generatedName(int index) {
        return "Generated Customer " + (index + 1);
    }

    private SimCustomer generatedCustomer(int index) {
        String id = generatedId(index);
        VolumeProfile profile = scenario.profile(generated.profile());
        double managedShare = generated.managedShare() == null ? 1.0 : generated.managedShare();
        double a3Share = generated.a3Share() == null ? 0.2 : generated.a3Share();
        List<SimDevice> devices = new ArrayList<>(generated.devicesPerCustomer());
        for (int n = 0; n < generated.devicesPerCustomer(); n++) {
            String deviceId = id + "-" + n;
            long key = VolumeGenerator.stableKey(spec.name(), deviceId);
            double u1 = ((key >>> 11) & 0xFFFF) / 65536.0;
            double u2 = ((key >>> 29) & 0xFFFF) / 65536.0;
            devices.add(new SimDevice(deviceId, key, serial(key), "ASSET-" + n, "HP", "LaserJet M611", u1 < managedShare,
                    u2 < a3Share, profile, generated.install() == null ? DEFAULT_INSTALL : generated.install(), null,
                    10_000 + (key & 0xFFFF), 0, "life", id, null, null, Set.of(), Map.of(), Set.of(), Set.of(), 0));
        }
        return new SimCustomer(id, generatedName(index),
                ZoneId.of(generated.timeZone() == null ? "UTC" : generated.timeZone()),
                List.of("printreleaf", "printreleaf-managed-only"), null, devices);
    }

    private static String serial(long key) {
        return "SN" + Long.toString(key & 0xFFFFFFFFFL, 36).toUpperCase(Locale.ROOT);
    }
}
