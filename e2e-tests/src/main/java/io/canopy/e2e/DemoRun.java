package io.canopy.e2e;

import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The demo: a dealer's month on Canopy, driven only through the public REST API (plus the
 * simulator's control API to move the vendors' clock and inject faults). Used by
 * {@code ./canopy demo} and by the end-to-end tests, which run its first nights.
 */
public final class DemoRun {

    /** Where everything answers. */
    public record Endpoints(String registry, String metering, String health, String certificate, String simulator,
            String adminToken) {
    }

    /** One customer feed as the demo registered it. */
    public record Feed(String dealer, String serverName, String serverType, String serverId, String accountId,
            String accountName, String externalId, String feedId, String timeZone, boolean managedOnly,
            LocalDate activationDate) {

        /** Current-counter vendors (their descriptor's kind): no history before Canopy reads them. */
        public boolean currentCounters() {
            return Vendors.currentCounters(serverType);
        }
    }

    /**
     * The ledger versus the simulator's ground truth for one feed over the demo's nights, service
     * days [from, settled).
     */
    public record Comparison(Feed feed, LocalDate from, long ledgerPages, long truthPages, int deposits, int adjustments,
            Map<LocalDate, long[]> differingDays, Map<LocalDate, Long> ledgerByDay) {
        public long difference() {
            return ledgerPages - truthPages;
        }
    }

    /**
     * Feeds the scenario gives no activation date are activated this many days before the first
     * night: history is collected back to then.
     */
    static final int HISTORY_DAYS = 7;
    /** registry's nightly look-back (canopy.registry.nightly.lookback-days). */
    static final int SETTLING_DAYS = 3;

    private final Endpoints endpoints;
    private final PrintStream out;
    private final SimulatorControl simulator;
    private final Api admin;
    private final Map<String, Api> dealers = new LinkedHashMap<>();
    private final Map<String, String> apiKeys = new LinkedHashMap<>();
    private final Map<String, String> dealerIds = new LinkedHashMap<>();
    private final List<Feed> feeds = new ArrayList<>();
    private final List<String> unanswered = new ArrayList<>();
    private LocalDate firstNight;
    private LocalDate lastNight;

    public DemoRun(Endpoints endpoints, PrintStream out) {
        this.endpoints = endpoints;
        this.out = out;
        this.simulator = new SimulatorControl(endpoints.simulator());
        this.admin = new Api(endpoints.registry(), endpoints.adminToken());
    }

    public List<Feed> feeds() {
        return feeds;
    }

    /** Nights whose collections were not all answered in time (pacing only; see awaitCollected). */
    public List<String> unansweredNights() {
        return unanswered;
    }

    public Api dealer(String name) {
        return dealers.get(name);
    }

    public SimulatorControl simulator() {
        return simulator;
    }

    // ------------------------------------------------------------------ onboarding

    /** Dealers, their API keys and tokens, servers (credentials checked), accounts and feeds. */
    public void onboard() {
        // The scenario's clock starts where its first day's counters still carry the edge cases
        // (a garbage value on the last day before it); the first night is the day after, so every
        // device's first reading, its baseline, is a clean one.
        firstNight = simulator.clock().plusDays(1);
        step("dealers, servers, accounts and feeds", () -> {
            for (SimulatorControl.SimServer server : simulator.servers()) {
                Api dealer = dealers.computeIfAbsent(server.dealer(), this::createDealer);
                JsonNode created = dealer.post("/v1/servers", Map.of("type", server.type(), "url", server.url(),
                        "credentials", server.credentials(), "contact", "fleet@" + server.dealer() + ".example"));
                String serverId = created.path("id").asText();
                JsonNode discovered = dealer.get("/v1/servers/" + serverId + "/customers");
                JsonNode list = discovered.isArray() ? discovered : discovered.path("data");
                for (JsonNode customer : list) {
                    String externalId = customer.path("external_id").asText();
                    SimulatorControl.SimCustomer known = server.customers().stream()
                            .filter(c -> c.externalId().equals(externalId)).findFirst().orElse(null);
                    String timeZone = known == null ? "UTC" : known.timeZone();
                    boolean managedOnly = known != null && known.managedOnly();
                    LocalDate activation = known != null && known.activationDate() != null ? known.activationDate()
                            : firstNight.minusDays(HISTORY_DAYS);
                    String name = customer.path("name").asText(externalId);
                    JsonNode account = dealer.post("/v1/accounts", Map.of("name", name, "time_zone", timeZone));
                    String accountId = account.path("id").asText();
                    Map<String, Object> feedBody = new LinkedHashMap<>(Map.of("account_id", accountId, "server_id",
                            serverId, "external_id", externalId, "activation_date", activation.toString()));
                    if (Vendors.scoped(server.type())) { // the others know no managed flag
                        feedBody.put("collection_scope", "all");
                    }
                    JsonNode feed = dealer.post("/v1/feeds", feedBody);
                    feeds.add(new Feed(server.dealer(), server.name(), server.type(), serverId, accountId, name,
                            externalId, feed.path("id").asText(), timeZone, managedOnly, activation));
                }
            }
            return dealers.size() + " dealers, " + feeds.stream().map(Feed::serverId).distinct().count()
                    + " servers, " + feeds.size() + " accounts with a feed each";
        });
    }

    private Api createDealer(String prefix) {
        String name = Character.toUpperCase(prefix.charAt(0)) + prefix.substring(1) + " Print Services";
        JsonNode created = admin.post("/admin/v1/dealers", Map.of("name", name));
        dealerIds.put(prefix, created.path("dealer").path("id").asText());
        String apiKey = findText(created, "api_key", "key", "secret");
        apiKeys.put(prefix, apiKey);
        return new Api(endpoints.registry(), token(apiKey));
    }

    private String token(String apiKey) {
        JsonNode token = new Api(endpoints.registry(), null).post("/v1/auth/token", Map.of("api_key", apiKey));
        return findText(token, "access_token", "token");
    }

    /**
     * A person to sign in to the dashboard as: an admin user of the first dealer, created by the
     * operator (as a dealer's first admin always is), with a password generated for this demo.
     *
     * @return {email, password}
     */
    public String[] dashboardUser() {
        String prefix = dealerIds.keySet().iterator().next();
        String email = "demo@" + prefix + ".example";
        byte[] random = new byte[9];
        new java.security.SecureRandom().nextBytes(random);
        String password = "demo-" + java.util.HexFormat.of().formatHex(random);
        admin.post("/admin/v1/dealers/" + dealerIds.get(prefix) + "/users",
                Map.of("email", email, "password", password, "role", "admin"));
        return new String[] { email, password };
    }

    /** New dealer tokens from their API keys: a run longer than a token's lifetime (15 min) keeps going. */
    public void renewTokens() {
        apiKeys.forEach((dealer, apiKey) -> dealers.put(dealer, dealers.get(dealer).as(token(apiKey))));
    }

    /** The first text value under any of the names, anywhere in the tree (response shapes nest). */
    static String findText(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode found = node.findValue(name);
            if (found != null && found.isTextual()) {
                return found.asText();
            }
            if (found != null && found.isObject()) {
                String nested = findText(found, names);
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ nights

    /** Moves the vendors' clock to the night's date and runs the night through the operator API. */
    public int night(LocalDate asOf) {
        StartedNight night = startNight(asOf);
        awaitNight(night);
        return night.requested();
    }

    /** A night whose requests are out; {@link #awaitNight} waits for their outcomes. */
    public record StartedNight(LocalDate asOf, java.time.Instant startedAt, int requested, int upToDate) {
    }

    public StartedNight startNight(LocalDate asOf) {
        simulator.setClock(asOf);
        java.time.Instant started = java.time.Instant.now();
        JsonNode run = admin.post("/admin/v1/collection-runs", Map.of("as_of", asOf.toString()));
        lastNight = asOf;
        return new StartedNight(asOf, started, run.path("requested").asInt(), run.path("up_to_date").asInt());
    }

    public void awaitNight(StartedNight night) {
        awaitCollected(night.asOf(), night.startedAt(), night.requested() + night.upToDate());
    }

    /** Health's view of a feed: its history of changes (episodes, backfills). */
    public JsonNode healthHistory(Feed feed) {
        return dealers.get(feed.dealer()).at(endpoints.health()).get("/v1/health/feeds/" + feed.feedId()
                + "/history?per_page=500").path("data");
    }

    /**
     * Waits until registry's periodic server check has found the server's credentials working again
     * (it checks an unhealthy server every few seconds locally, every 30 minutes by default).
     */
    public void awaitServerHealthy(String serverName) {
        awaitServerHealth(serverName, "healthy");
    }

    /** Waits until registry shows the server with this health_check (health events arrive asynchronously). */
    public void awaitServerHealth(String serverName, String healthCheck) {
        Feed feed = feeds.stream().filter(f -> f.serverName().equals(serverName)).findFirst().orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!healthCheck.equals(serverView(feed).path("health_check").asText())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(serverName + " did not become " + healthCheck + " within 90 s");
            }
            TopicReader.sleep(250);
        }
    }

    /** Registry's view of a server (health_check, paused or not). */
    public JsonNode serverView(Feed feed) {
        return dealers.get(feed.dealer()).get("/v1/servers/" + feed.serverId());
    }

    /** Sum of the ledger's deposits for the account with service dates in [from, to). */
    public long ledgerPages(Feed feed, LocalDate from, LocalDate to) {
        Api metering = dealers.get(feed.dealer()).at(endpoints.metering());
        long sum = 0;
        for (int page = 1;; page++) {
            JsonNode result = metering.get("/v1/deposits?account_id=" + feed.accountId() + "&start_date=" + from
                    + "&end_date=" + to + "&per_page=500&page=" + page);
            for (JsonNode deposit : result.path("data")) {
                sum += deposit.path("standard_pages").asLong();
            }
            if (!result.path("has_more").asBoolean(false)) {
                return sum;
            }
        }
    }

    /**
     * Waits until registry has heard back about the night's requests: a feed is done when it is
     * collected through the night or its last outcome (success or failure) is newer than the run.
     */
    private void awaitCollected(LocalDate asOf, java.time.Instant runStarted, int expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            int done = 0;
            for (Api dealer : dealers.values()) {
                for (JsonNode feed : dealer.get("/v1/feeds?per_page=500").path("data")) {
                    String through = feed.path("collected_through").asText("");
                    String lastAt = feed.path("last_collection_at").asText("");
                    boolean collected = !through.isEmpty() && !LocalDate.parse(through).isBefore(asOf);
                    boolean answered = !lastAt.isEmpty() && java.time.Instant.parse(lastAt).isAfter(runStarted);
                    if (collected || answered || nothingDue(feed, asOf)) {
                        done++;
                    }
                }
            }
            if (done >= expected) {
                return;
            }
            if (System.nanoTime() > deadline) {
                // Only pacing: a feed whose outcome is missing keeps its watermark, so the next night's
                // window collects the same days again; the ledger-vs-truth comparison is the judge.
                unanswered.add(asOf + ": " + (expected - done) + " of " + expected);
                out.printf("%n  note: night %s: %d of %d collections not answered within 60 s; going on%n", asOf,
                        expected - done, expected);
                return;
            }
            TopicReader.sleep(250);
        }
    }

    /**
     * A feed the night has nothing to ask for: activated later, or activated tonight at a vendor
     * that is not read on its activation night (history vendors look back the night after, aggregate
     * vendors count from the activation date); the run counts it as up to date.
     */
    private boolean nothingDue(JsonNode view, LocalDate asOf) {
        String activation = view.path("activation_date").asText("");
        if (activation.isEmpty() || !view.path("collected_through").asText("").isEmpty()) {
            return false;
        }
        LocalDate activationDate = LocalDate.parse(activation);
        boolean readOnActivationNight = feeds.stream().filter(f -> f.feedId().equals(view.path("id").asText()))
                .anyMatch(Feed::currentCounters);
        return activationDate.isAfter(asOf) || activationDate.equals(asOf) && !readOnActivationNight;
    }

    /**
     * Days before this are settled: an agent that uploads a few days late (a history vendor's
     * normal behaviour) has had the nightly look-back to deliver them. The days after it are still
     * in the ledger, and still being corrected, but not yet comparable with what happened.
     */
    public LocalDate settledUntil() {
        return lastNight.minusDays(SETTLING_DAYS);
    }

    public LocalDate firstNight() {
        return firstNight;
    }

    public LocalDate lastNight() {
        return lastNight;
    }

    // ------------------------------------------------------------------ truth

    /**
     * The first service day the feed's ledger is compared from: its activation date — the activation
     * day's own pages count (DESIGN.md "Domain arithmetic") — except for a current-counter feed
     * activated before the first night: such a vendor keeps no history, so the counters of the
     * first night (the end of the day before it) are its baseline and the ledger starts that night.
     */
    public LocalDate comparedFrom(Feed feed) {
        return feed.currentCounters() && feed.activationDate().isBefore(firstNight) ? firstNight : feed.activationDate();
    }

    /** The earliest day any feed's ledger is compared from. */
    public LocalDate earliestComparedDay() {
        return feeds.stream().map(this::comparedFrom).min(LocalDate::compareTo).orElse(firstNight);
    }

    /**
     * Ledger pages per feed against the simulator's ground truth, per day from each feed's
     * {@link #comparedFrom first comparable day} to the settled days' end.
     */
    public List<Comparison> compareWithTruth() {
        List<Comparison> comparisons = new ArrayList<>();
        LocalDate to = settledUntil();
        for (Feed feed : feeds) {
            LocalDate from = comparedFrom(feed);
            Map<LocalDate, Long> truth = simulator.truth(feed.serverName(), feed.externalId(), from, to,
                    feed.managedOnly());
            Map<LocalDate, Long> ledger = new TreeMap<>();
            int deposits = 0;
            int adjustments = 0;
            Api metering = dealers.get(feed.dealer()).at(endpoints.metering());
            int page = 1;
            while (true) {
                JsonNode result = metering.get("/v1/deposits?feed_id=" + feed.feedId() + "&start_date=" + from
                        + "&end_date=" + to + "&per_page=500&page=" + page);
                for (JsonNode deposit : result.path("data")) {
                    ledger.merge(LocalDate.parse(deposit.path("service_date").asText()),
                            deposit.path("standard_pages").asLong(), Long::sum);
                    deposits++;
                    if (!"regular".equalsIgnoreCase(deposit.path("kind").asText())) {
                        adjustments++;
                    }
                }
                if (!result.path("has_more").asBoolean(false)) {
                    break;
                }
                page++;
            }
            Map<LocalDate, long[]> differing = new TreeMap<>();
            for (LocalDate day = from; day.isBefore(to); day = day.plusDays(1)) {
                long expected = truth.getOrDefault(day, 0L);
                long actual = ledger.getOrDefault(day, 0L);
                if (expected != actual) {
                    differing.put(day, new long[] { actual, expected });
                }
            }
            comparisons.add(new Comparison(feed, from, ledger.values().stream().mapToLong(Long::longValue).sum(),
                    truth.values().stream().mapToLong(Long::longValue).sum(), deposits, adjustments, differing, ledger));
        }
        return comparisons;
    }

    /**
     * Metering deposits after the collector's outcomes arrive: waits until the ledger equals the
     * truth, or stops changing for 30 s (then the difference is real and reported).
     */
    public List<Comparison> awaitLedgerMatchesTruth() {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long lastChange = System.nanoTime();
        long previous = Long.MIN_VALUE;
        while (true) {
            List<Comparison> comparisons = compareWithTruth();
            long ledger = comparisons.stream().mapToLong(Comparison::ledgerPages).sum();
            long difference = comparisons.stream().mapToLong(c -> Math.abs(c.difference())).sum();
            if (difference == 0) {
                return comparisons;
            }
            if (ledger != previous) {
                previous = ledger;
                lastChange = System.nanoTime();
            }
            if (System.nanoTime() - lastChange > Duration.ofSeconds(30).toNanos() || System.nanoTime() > deadline) {
                return comparisons;
            }
            TopicReader.sleep(1000);
        }
    }

    /** A feed as registry shows it now (health, collected-through). */
    public JsonNode feedView(Feed feed) {
        return dealers.get(feed.dealer()).get("/v1/feeds/" + feed.feedId());
    }

    /** The certificate of the account for the month, if one was issued. */
    public JsonNode certificate(Feed feed, java.time.YearMonth period) {
        JsonNode list = dealers.get(feed.dealer()).at(endpoints.certificate())
                .get("/v1/certificates?account_id=" + feed.accountId() + "&period=" + period);
        return list.path("data").path(0);
    }

    public byte[] certificatePdf(Feed feed, String certificateId) {
        return dealers.get(feed.dealer()).at(endpoints.certificate()).getBytes("/v1/certificates/" + certificateId + ".pdf");
    }

    /** Ledger total of the feed over every service date (history included). */
    public long ledgerTotal(Feed feed) {
        JsonNode volume = dealers.get(feed.dealer()).at(endpoints.metering()).get("/v1/accounts/" + feed.accountId()
                + "/volume?period=monthly&start_date=" + feed.activationDate() + "&end_date=" + lastNight);
        return volume.findValues("standard_pages").stream().mapToLong(JsonNode::asLong).sum();
    }

    // ------------------------------------------------------------------ output

    interface Step {
        String run() throws Exception;
    }

    void step(String name, Step step) {
        long started = System.nanoTime();
        out.printf("  %-44s ", name + " ...");
        out.flush();
        try {
            String result = step.run();
            out.printf("done in %5.1f s  %s%n", (System.nanoTime() - started) / 1e9, result);
        } catch (Exception e) {
            out.printf("FAILED after %.1f s%n", (System.nanoTime() - started) / 1e9);
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
