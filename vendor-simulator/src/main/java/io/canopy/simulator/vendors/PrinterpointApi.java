package io.canopy.simulator.vendors;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.canopy.contracts.events.VendorType;
import io.canopy.simulator.api.SimRequest;
import io.canopy.simulator.api.SimResponse;
import io.canopy.simulator.api.SimState;
import io.canopy.simulator.generation.Counters;
import io.canopy.simulator.generation.SimCustomer;
import io.canopy.simulator.generation.SimDevice;
import io.canopy.simulator.generation.SimServer;
import io.canopy.simulator.generation.SimWorld;

/** Printerpoint: HTTP Basic with the API token as user name, the whole fleet in one list. */
final class PrinterpointApi implements VendorApi {

    @Override
    public VendorType vendor() {
        return VendorType.PRINTERPOINT;
    }

    @Override
    public SimResponse handle(SimRequest request, SimServer server, SimWorld world, SimState state) {
        String[] basic = request.basicAuth().orElse(new String[] { "", "" });
        if (state.credentialsRevoked(server.name()) || !basic[0].equals(server.credential("api_token"))) {
            return SimResponse.json(401, Map.of("error", "unauthorized"))
                    .withHeader("WWW-Authenticate", "Basic realm=\"Printerpoint API\"");
        }
        if (!"GET".equals(request.method())) {
            return SimResponse.json(405, Map.of("error", "method not allowed"));
        }
        if (!request.path().equals("/dealer/printers")) {
            return SimResponse.json(404, Map.of("error", "not found"));
        }
        List<SimCustomer> customers = request.query("customerCompanyId")
                .map(id -> server.customer(id).map(List::of).orElse(List.of()))
                .orElseGet(server::customers);
        List<Map<String, Object>> printers = new ArrayList<>();
        for (SimCustomer customer : customers) {
            LocalDate day = CurrentReading.day(customer, state.clock());
            for (SimDevice device : customer.devicesOn(day)) {
                printers.add(printer(customer, device, day, world));
            }
        }
        return SimResponse.ok(printers);
    }

    private Map<String, Object> printer(SimCustomer customer, SimDevice device, LocalDate day, SimWorld world) {
        Counters c = world.generator().endOfDay(device, day, vendor());
        Object mono = device.garbage().containsKey(day) ? device.garbage().get(day) : c.mono();
        List<Map<String, Object>> meters = List.of(
                meter("Pages Monochrome Total", mono),
                meter("Pages Color Total", c.color()),
                meter("Pages Monochrome Tabloid", c.monoA3()),
                meter("Pages Color Tabloid", c.colorA3()));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("printerId", device.id());
        row.put("customerCompanyId", customer.id());
        row.put("customerCompanyName", customer.name());
        row.put("serialNumber", device.serialNumber());
        row.put("nickname", device.model() + " " + device.assetNumber());
        row.put("assetId", device.assetNumber());
        row.put("make", device.make());
        row.put("model", device.model());
        row.put("lastSeen", VendorApi.readingTime(day, customer.timeZone()).toString());
        row.put("meters", meters);
        return row;
    }

    private static Map<String, Object> meter(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("unit", "clicks");
        m.put("value", value);
        return m;
    }
}
