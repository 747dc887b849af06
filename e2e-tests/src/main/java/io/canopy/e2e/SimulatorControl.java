package io.canopy.e2e;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** The vendor simulator's control API (vendor-simulator/README.md): its clock, faults and ground truth. */
public final class SimulatorControl {

    /** A server of the scenario as a dealer would register it. */
    public record SimServer(String type, String name, String url, Map<String, String> credentials,
            List<SimCustomer> customers) {

        /** The dealer a server belongs to: the scenario names servers {@code <dealer>-<what>}. */
        public String dealer() {
            return name.substring(0, name.indexOf('-'));
        }
    }

    /**
     * @param managedOnly    Printanista granted only its managed-devices report
     * @param activationDate the activation date the scenario gives the customer's feed, or null
     */
    public record SimCustomer(String externalId, String name, String timeZone, boolean managedOnly,
            LocalDate activationDate) {
    }

    private final Api api;

    public SimulatorControl(String baseUrl) {
        this.api = new Api(baseUrl, null);
    }

    public LocalDate clock() {
        return LocalDate.parse(api.get("/_sim/clock").path("date").asText());
    }

    /** Moves the simulated date forward: at date D, every day before D is complete at the vendors. */
    public void setClock(LocalDate date) {
        api.post("/_sim/clock", Map.of("date", date.toString()));
    }

    public List<SimServer> servers() {
        List<SimServer> servers = new ArrayList<>();
        for (JsonNode s : api.get("/_sim/servers")) { // a JSON array, one entry per server
            List<SimCustomer> customers = new ArrayList<>();
            s.path("customers").forEach(c -> customers.add(new SimCustomer(c.path("external_id").asText(),
                    c.path("name").asText(), c.path("time_zone").asText("UTC"), managedOnly(c.path("reports")),
                    c.hasNonNull("activation_date") ? LocalDate.parse(c.path("activation_date").asText()) : null)));
            @SuppressWarnings("unchecked")
            Map<String, String> credentials = Api.JSON.convertValue(s.path("credentials"), Map.class);
            servers.add(new SimServer(s.path("type").asText(), s.path("name").asText(), s.path("url").asText(),
                    credentials, customers));
        }
        return servers;
    }

    private static boolean managedOnly(JsonNode reports) {
        if (!reports.isArray() || reports.isEmpty()) {
            return false;
        }
        for (JsonNode report : reports) {
            if (report.asText().equals("printreleaf")) {
                return false;
            }
        }
        return true;
    }

    public void fault(Map<String, Object> fault) {
        api.post("/_sim/faults", fault);
    }

    /** Standard pages a perfect pipeline knows for the customer on each day of [from, to). */
    public Map<LocalDate, Long> truth(String server, String customer, LocalDate from, LocalDate to, boolean managedOnly) {
        JsonNode days = api.get("/_sim/truth?server=" + server + "&customer=" + customer + "&from=" + from + "&to=" + to
                + (managedOnly ? "&scope=managed_only" : "")).path("days");
        Map<LocalDate, Long> pages = new java.util.TreeMap<>();
        days.forEach(d -> pages.put(LocalDate.parse(d.path("date").asText()), d.path("standard_pages").asLong()));
        return pages;
    }
}
