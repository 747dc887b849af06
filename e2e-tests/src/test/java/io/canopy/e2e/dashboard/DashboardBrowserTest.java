package io.canopy.e2e.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;

import io.canopy.e2e.Api;
import io.canopy.e2e.SharedSuiteAccess;
import io.canopy.e2e.SimulatorControl;
import io.canopy.e2e.SimulatorControl.SimServer;
import io.canopy.e2e.Suite;

/**
 * The dealer dashboard in headless Chromium against the running suite and the simulator: a dealer
 * signs in, registers one server of each vendor (a wrong credential shows the vendor's reason),
 * picks a customer from the vendor's list, runs nights, sees its deposits and chart, watches a
 * server go unhealthy when its credentials are revoked and recover, invites a viewer who cannot
 * register servers, and meets another dealer's ids as "not found". Runs after the demo's month
 * (its nights move the shared simulator's clock). Screenshots of every page land in
 * {@code target/screenshots}.
 */
@Order(Integer.MAX_VALUE) // classes without @Order (the demo's month) come first
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    static final String ADMIN_EMAIL = "ana@browser-print.example";
    static final String ADMIN_PASSWORD = "correct horse battery staple";

    static Suite suite;
    static Browser browser;
    static Api admin;
    static Api dealer;
    static SimulatorControl simulator;
    static String dealerId;
    static String feedId;
    static String secondFeedId;
    static LocalDate activation;
    static String accountId;
    static SimServer tracked;

    @BeforeAll
    static void openBrowser() throws Exception {
        Browser.requireInstalled(); // skips (or fails when required) before starting anything
        suite = SharedSuiteAccess.get();
        browser = Browser.open(suite.url("dashboard"), Path.of("target/screenshots"));
        admin = new Api(suite.url("registry-service"), suite.adminToken());
        simulator = new SimulatorControl(suite.simulatorUrl());
        JsonNode created = admin.post("/admin/v1/dealers", Map.of("name", "Browser Print Services"));
        dealerId = created.path("dealer").path("id").asText();
        String apiKey = created.path("api_key").path("key").asText();
        dealer = new Api(suite.url("registry-service"), new Api(suite.url("registry-service"), null)
                .post("/v1/auth/token", Map.of("api_key", apiKey)).path("access_token").asText());
        admin.post("/admin/v1/dealers/" + dealerId + "/users",
                Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD, "role", "admin"), 201);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void aDealerSignsInAndLandsOnTheOverview() {
        browser.go("/servers");
        assertThat(browser.path()).as("no session: the sign-in page first").isEqualTo("/login");
        browser.screenshot("01-sign-in");
        signIn(ADMIN_EMAIL, "wrong password, long enough");
        assertThat(browser.find("[role=alert]").getText()).isEqualTo("Wrong email or password.");
        signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertThat(browser.path()).as("back where the dealer was going").isEqualTo("/servers");
        browser.go("/");
        assertThat(browser.find("h1").getText()).isEqualTo("Overview");
        assertThat(browser.text()).contains(ADMIN_EMAIL);
        browser.screenshot("02-overview-new-dealer");
        // The accessibility check can fail: an image without a text alternative is a critical violation.
        browser.driver.executeScript("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\\'/static/none.png\\'>')");
        assertThat(Accessibility.check(browser.driver, "self-check")).as("axe finds a planted violation")
                .anyMatch(v -> v.rule().equals("image-alt") && v.failing());
    }

    @Test
    @Order(2)
    void oneServerOfEachVendorIsRegisteredAndAWrongCredentialShowsTheVendorsReason() {
        List<SimServer> servers = simulator.servers();
        SimServer mps = first(servers, "mps_monitor");
        browser.go("/servers/new?type=mps_monitor");
        assertThat(browser.all("input[name^=credential_]")).extracting(e -> e.getAttribute("name"))
                .containsExactly("credential_dealer_token");
        browser.type("#url", mps.url());
        browser.type("#credential_dealer_token", UUID.randomUUID().toString());
        browser.submit("form.register");
        assertThat(browser.find("#vendor-error").getText()).as("the vendor's own reason").contains("MPS Monitor")
                .contains("InvalidDealerToken");
        assertThat(browser.driver.getPageSource()).as("a typed secret is never sent back").doesNotContain(
                mps.credentials().get("dealer_token"));
        browser.screenshot("03-register-refused");

        for (String type : List.of("mps_monitor", "onestop", "print_tracker", "printerpoint", "printanista")) {
            SimServer server = first(servers, type);
            browser.go("/servers/new");
            new Select(browser.find("#type")).selectByValue(type);
            // htmx swaps that vendor's fields in on the choice (no button, no reload); without script
            // the button does it (DashboardPagesTest and the refused registration above use that path)
            browser.waitUntil(Duration.ofSeconds(30), d -> d.findElements(By.cssSelector("form.register input[name=type]"))
                    .stream().anyMatch(input -> type.equals(input.getAttribute("value"))));
            assertThat(browser.driver.getCurrentUrl()).as("the choice is in the address, a reload keeps it")
                    .endsWith("/servers/new?type=" + type);
            browser.type("#url", server.url());
            server.credentials().forEach((name, value) -> browser.type("#credential_" + name, value));
            browser.screenshot("04-register-" + type);
            browser.submit("form.register");
            assertThat(browser.find("[role=status]").getText()).as(type).contains("Registered");
            if (type.equals("print_tracker")) {
                tracked = server;
                browser.screenshot("05-server-registered");
            }
        }
        browser.go("/servers");
        assertThat(browser.all("tbody tr")).hasSize(5);
        browser.screenshot("06-servers");
    }

    @Test
    @Order(3)
    void customersArePickedFromTheVendorsListIntoAccounts() {
        // Activated on the first of last month: Print Tracker keeps history, so last month is collected
        // back on the first night and can be closed into a certificate below.
        activation = simulator.clock().withDayOfMonth(1).minusMonths(1);
        browser.go("/feeds/new?server_id=" + serverIdOf(tracked));
        Select customers = new Select(browser.find("#external_id"));
        assertThat(customers.getOptions()).as("the vendor's customers, after the prompt").hasSizeGreaterThan(1);
        customers.selectByIndex(1);
        String externalId = customers.getFirstSelectedOption().getAttribute("value");
        new Select(browser.find("#account_id")).selectByValue("new");
        browser.type("#new_account", "Browser Co");
        // The customer's own zone, so its business days are the simulator's (its truth counts in that zone).
        String zone = tracked.customers().stream().filter(c -> c.externalId().equals(externalId)).findFirst()
                .orElseThrow().timeZone();
        new Select(browser.find("#new_account_zone")).selectByValue(zone);
        setDate("#activation_date", activation);
        browser.screenshot("07-add-feed");
        browser.submit("form.add-feed");
        assertThat(browser.path()).startsWith("/feeds/");
        assertThat(browser.find("[role=status]").getText()).contains("Feed added").contains(activation.toString());
        feedId = browser.path().substring("/feeds/".length());
        accountId = dealer.get("/v1/feeds/" + feedId).path("account_id").asText();
        assertThat(dealer.get("/v1/accounts/" + accountId).path("time_zone").asText()).isEqualTo(zone);
        browser.screenshot("08-feed");

        // A second customer, on another vendor, into the same account: the account dropdown offers it.
        browser.go("/feeds/new?server_id=" + serverIdOf(first(simulator.servers(), "mps_monitor")));
        new Select(browser.find("#external_id")).selectByIndex(1);
        new Select(browser.find("#account_id")).selectByValue(accountId);
        setDate("#activation_date", simulator.clock());
        browser.submit("form.add-feed");
        assertThat(browser.find("[role=status]").getText()).contains("Feed added");
        secondFeedId = browser.path().substring("/feeds/".length());
        assertThat(dealer.get("/v1/feeds/" + secondFeedId).path("account_id").asText()).isEqualTo(accountId);
        browser.go("/feeds");
        assertThat(browser.all("tbody tr")).as("both feeds listed").hasSize(2);
        browser.screenshot("08b-feeds");
    }

    @Test
    @Order(4)
    void afterTwoNightsTheAccountShowsItsDepositsAndChart() {
        LocalDate first = simulator.clock().plusDays(1);
        runNight(first);
        runNight(first.plusDays(1));
        awaitCollectedThrough(feedId, first);
        awaitDeposits();
        browser.go("/accounts/" + accountId);
        assertThat(browser.all("#deposits tbody tr")).as("deposits listed").isNotEmpty();
        assertThat(browser.find("#deposits").getText()).doesNotContain("No deposits yet");
        assertThat(browser.all("#daily-chart rect")).as("one bar per day of 60").hasSize(60);
        assertThat(browser.all("#monthly-chart rect")).as("one bar per month, at least a year").hasSizeGreaterThanOrEqualTo(12);
        assertThat(browser.find("#monthly-chart figcaption").getText()).as("the months add up to the account's pages")
                .startsWith(browser.find("#account-pages").getText() + " standard pages in ");
        assertThat(browser.find("#account-pages").getText()).isNotEqualTo("0");
        browser.screenshot("09-account");
        browser.go("/");
        assertThat(browser.find("#month-pages").getText()).isNotEqualTo("0");
        browser.screenshot("10-overview");
        browser.resize(390, 844); // a phone
        browser.go("/accounts/" + accountId);
        browser.screenshot("11-account-phone");
        browser.resize(1280, 1000);
    }

    @Test
    @Order(5)
    void revokedCredentialsTurnTheServerAndItsFeedUnhealthyAndBothRecover() {
        String serverId = serverIdOf(tracked);
        simulator.fault(Map.of("server", tracked.name(), "type", "revoke_credentials"));
        try {
            runNight(simulator.clock().plusDays(1));
            awaitServerHealth(serverId, "unhealthy");
            browser.go("/servers");
            assertThat(browser.text()).contains("unhealthy");
            browser.screenshot("12-server-unhealthy");
            // Its feeds are paused and unhealthy with it, with the server as the reason.
            awaitFeedHealth("unhealthy");
            browser.go("/feeds/" + feedId);
            assertThat(browser.find("#feed-health").getText()).isEqualTo("unhealthy");
            assertThat(browser.find("#feed-health").findElement(org.openqa.selenium.By.xpath("..")).getText())
                    .contains("server_unhealthy");
            browser.screenshot("12b-feed-unhealthy");
            browser.go("/");
            assertThat(browser.find("#unhealthy-count").getText()).isNotEqualTo("0");
            assertThat(browser.all("ul.problems a[href='/feeds/" + feedId + "']")).as("the feed, linked").hasSize(1);
            assertThat(browser.all("ul.problems a[href='/servers/" + serverId + "']")).as("the server, linked")
                    .hasSize(1);
            browser.screenshot("12c-overview-unhealthy");
        } finally {
            simulator.fault(Map.of("server", tracked.name(), "type", "restore_credentials"));
        }
        awaitServerHealth(serverId, "healthy");
        browser.go("/servers/" + serverId);
        assertThat(browser.find(".badge").getText()).isEqualTo("healthy");
        browser.screenshot("13-recovered");
        runNight(simulator.clock().plusDays(1));
        awaitFeedHealth("healthy");
        browser.go("/feeds/" + feedId);
        assertThat(browser.find("#feed-health").getText()).isEqualTo("healthy");
        assertThat(browser.find("table").getText()).as("the episode in the feed's history").contains("server_unhealthy");
        browser.screenshot("13b-feed-recovered");
    }

    @Test
    @Order(6)
    void theMonthsCertificateShowsTheLedgersPagesAndDownloadsAsAPdf() throws Exception {
        // The night of the 1st collects the month's last day; the operator then closes the month.
        YearMonth month = YearMonth.from(simulator.clock());
        LocalDate firstOfNext = month.plusMonths(1).atDay(1);
        runNight(firstOfNext);
        awaitCollectedThrough(feedId, month.atEndOfMonth());
        awaitCollectedThrough(secondFeedId, month.atEndOfMonth());
        awaitMeteredAndCounted();
        long ledgerPages = dealer.at(suite.url("metering-service")).get("/v1/accounts/" + accountId
                + "/volume?period=monthly&start_date=" + month.atDay(1) + "&end_date=" + firstOfNext).path("pages").asLong();
        assertThat(ledgerPages).as("the account printed in " + month).isPositive();
        new Api(suite.url("certificate-service"), suite.adminToken())
                .post("/admin/v1/periods/" + month + "/close?dealer_id=" + dealerId, Map.of());
        JsonNode certificate = dealer.at(suite.url("certificate-service")).get("/v1/certificates?per_page=100").path("data")
                .get(0);
        assertThat(certificate.path("period").asText()).isEqualTo(month.toString());
        assertThat(certificate.path("pages").asLong()).as("the certificate's own month is the ledger's").isEqualTo(ledgerPages);
        assertThat(certificate.path("total_pages").asLong()).as("own month + history counted in it")
                .isEqualTo(ledgerPages + certificate.path("prior_period_pages").asLong());

        browser.go("/certificates");
        WebElement row = browser.all("tbody tr").stream().filter(r -> r.getText().startsWith(month.toString()))
                .findFirst().orElseThrow(() -> new AssertionError("no certificate for " + month + ": " + browser.text()));
        assertThat(row.findElements(org.openqa.selenium.By.cssSelector("td")).get(2).getText())
                .as("the certificate's pages, grouped")
                .isEqualTo(String.format(java.util.Locale.ROOT, "%,d", certificate.path("total_pages").asLong()));
        browser.screenshot("17-certificates");
        // The PDF link, fetched with the browser's own session cookie (headless Chromium's download
        // manager is not observable reliably): what a dealer's click saves.
        String href = row.findElement(org.openqa.selenium.By.linkText("PDF")).getAttribute("href");
        org.openqa.selenium.Cookie session = browser.driver.manage().getCookieNamed("canopy_session");
        java.net.http.HttpResponse<byte[]> pdf = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(href))
                        .header("Cookie", session.getName() + "=" + session.getValue()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment")
                .contains("canopy-certificate-" + certificate.path("id").asText() + ".pdf");
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).as("a PDF").isEqualTo("%PDF-");
        Files.write(browser.downloads.resolve("canopy-certificate-" + certificate.path("id").asText() + ".pdf"), pdf.body());

        browser.go("/certificates");
        browser.clickAndAwaitNextPage(browser.all("tbody tr").get(0).findElement(org.openqa.selenium.By.linkText("verify")));
        assertThat(browser.find("#verification").getText()).startsWith("Valid");
        browser.screenshot("18-verify");
    }

    /**
     * The history feed's ledger, from its activation day (collected back, through an unhealthy
     * episode and its backfill, then a 10-day catch-up night), is the simulator's ground truth to the
     * page. One of the customer's devices uploads its reads two days late (ELM-LATE, {@code late_days: 2}
     * in the scenario): on the night of the 1st its last two days of the month are not at the vendor
     * yet, so the ledger may lag there, and only there, never exceed the truth. The next two nights'
     * look-back brings them; then the whole history is the truth.
     */
    @Test
    @Order(7)
    void theHistoryFeedsLedgerIsTheTruthFromItsActivationDay() throws Exception {
        LocalDate firstOfNext = simulator.clock();
        String customer = dealer.get("/v1/feeds/" + feedId).path("external_id").asText();
        Map<LocalDate, Long> truth = withoutZeros(simulator.truth(tracked.name(), customer, activation, firstOfNext, false));
        Map<LocalDate, Long> ledger = ledgerOf(feedId, activation, firstOfNext);
        LocalDate lagFrom = firstOfNext.minusDays(2);
        assertThat(ledger.entrySet().stream().filter(day -> day.getKey().isBefore(lagFrom)))
                .as("before the late device's last two days: the truth").containsExactlyElementsOf(
                        truth.entrySet().stream().filter(day -> day.getKey().isBefore(lagFrom)).toList());
        truth.forEach((day, pages) -> assertThat(ledger.getOrDefault(day, 0L)).as("never more than the truth on " + day)
                .isLessThanOrEqualTo(pages));

        runNight(firstOfNext.plusDays(1));
        runNight(firstOfNext.plusDays(2));
        awaitCollectedThrough(feedId, firstOfNext.plusDays(1));
        awaitMeteredAndCounted();
        assertThat(ledgerOf(feedId, activation, firstOfNext)).as("ledger = truth per day from " + activation
                + ", once the late reads have arrived").isEqualTo(truth);
    }

    @Test
    @Order(8)
    void anAdminCreatesAnApiKeyWithItsPasswordAndSeesItOnce() {
        browser.go("/settings");
        browser.type("#key-label", "billing export");
        browser.type("#key-password", "not my password, long enough");
        browser.submit("form.create-key");
        assertThat(browser.find("[role=alert]").getText()).isEqualTo("Your password is not correct: no key was created.");
        assertThat(browser.all("#new-api-key")).isEmpty();
        browser.type("#key-label", "billing export");
        browser.type("#key-password", ADMIN_PASSWORD);
        browser.submit("form.create-key");
        String key = browser.find("#new-api-key").getText();
        assertThat(key).startsWith("ck_");
        assertThat(browser.driver.getPageSource()).as("the password is never sent back").doesNotContain(ADMIN_PASSWORD);
        browser.screenshot("14a-api-key-created");
        new Api(suite.url("registry-service"), null).post("/v1/auth/token", Map.of("api_key", key)); // it works
        browser.go("/settings");
        assertThat(browser.all("#new-api-key")).as("shown only once").isEmpty();
        assertThat(browser.text()).contains("billing export");
    }

    @Test
    @Order(9)
    void aViewerSeesButCannotRegisterAServer() {
        browser.go("/settings");
        browser.type("#invite-email", "vic@browser-print.example");
        new Select(browser.find("#invite-role")).selectByValue("viewer");
        browser.submit("form[action='/settings/users']");
        String invitation = browser.find("#invitation-token").getText();
        browser.screenshot("14-invited");
        new Api(suite.url("registry-service"), null).post("/v1/auth/invitations/accept",
                Map.of("invitation_token", invitation, "password", "viewer password long enough"));
        browser.submit("form.signout");
        signIn("vic@browser-print.example", "viewer password long enough");
        browser.go("/servers");
        assertThat(browser.all("a[href='/servers/new']")).as("no register link for a viewer").isEmpty();
        browser.go("/servers/new?type=printerpoint");
        browser.type("#credential_api_token", "anything");
        browser.submit("form.register");
        assertThat(browser.find("h1").getText()).isEqualTo("Not allowed");
        browser.screenshot("15-viewer-refused");
        browser.submit("form.signout");
        signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    @Test
    @Order(10)
    void anotherDealersIdsAreNotFoundPages() {
        JsonNode other = admin.post("/admin/v1/dealers", Map.of("name", "Other Print Services"));
        String key = other.path("api_key").path("key").asText();
        Api otherDealer = dealer.as(new Api(suite.url("registry-service"), null).post("/v1/auth/token",
                Map.of("api_key", key)).path("access_token").asText());
        String otherAccount = otherDealer.post("/v1/accounts", Map.of("name", "Not yours")).path("id").asText();
        browser.go("/accounts/" + otherAccount);
        assertThat(browser.find("h1").getText()).isEqualTo("Not found");
        browser.go("/feeds/" + UUID.randomUUID());
        assertThat(browser.find("h1").getText()).isEqualTo("Not found");
        browser.go("/servers/not-a-uuid");
        assertThat(browser.find("h1").getText()).isEqualTo("Not found");
        browser.screenshot("16-not-found");
    }

    // ------------------------------------------------------------------ helpers

    private static void signIn(String email, String password) {
        if (!browser.path().equals("/login")) {
            browser.go("/login");
        }
        browser.type("#email", email);
        browser.type("#password", password);
        browser.submit("form[action='/login']");
    }

    private static void setDate(String css, LocalDate date) {
        // A date input's typing order follows the browser's locale: set its value as a form would hold it.
        browser.driver.executeScript("arguments[0].value = arguments[1]", browser.find(css), date.toString());
    }

    private static String feedHealth() {
        return dealer.get("/v1/feeds/" + feedId).path("health_check").asText();
    }

    /** Whether the feed's health becomes {@code health} within {@code wait} (health judges a night after its outcomes). */
    private static boolean feedBecame(String health, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!health.equals(feedHealth())) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(500);
        }
        return true;
    }

    private static void awaitFeedHealth(String health) {
        if (!feedBecame(health, Duration.ofSeconds(120))) {
            throw new AssertionError("feed " + feedId + " did not become " + health + " within 120 s");
        }
    }

    /**
     * The night is metered and counted: metering has committed every reading on the readings topic
     * (the collector publishes a collection's readings before its outcome, so after "collected
     * through" they are all there), and certificate-service every deposit, with the deposits topic's
     * end standing still for 3 s (the outbox relay publishes within that). Only then does the ledger
     * hold the whole month and a close see all of it (a later deposit counts in the next month, as
     * designed).
     */
    private static void awaitMeteredAndCounted() throws Exception {
        try (org.apache.kafka.clients.admin.Admin kafka = org.apache.kafka.clients.admin.Admin.create(Map.of(
                "bootstrap.servers", suite.kafkaBootstrapServers()))) {
            awaitCaughtUp(kafka, "metering-service", io.canopy.contracts.Topics.METER_READINGS, 1);
            awaitCaughtUp(kafka, "certificate-service", io.canopy.contracts.Topics.DEPOSITS, 4);
        }
    }

    private static void awaitCaughtUp(org.apache.kafka.clients.admin.Admin kafka, String group, String topic, int stablePolls)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Map<org.apache.kafka.common.TopicPartition, Long> previousEnds = Map.of();
        int stable = 0;
        while (true) {
            var partitions = kafka.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            Map<org.apache.kafka.common.TopicPartition, Long> ends = new java.util.HashMap<>();
            kafka.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(tp -> tp,
                    tp -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get()
                    .forEach((tp, info) -> ends.put(tp, info.offset()));
            var committed = kafka.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            boolean caughtUp = ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                    || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
            stable = caughtUp && ends.equals(previousEnds) ? stable + 1 : 0;
            if (caughtUp && stable + 1 >= stablePolls) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(group + " did not catch up with " + topic + " within 120 s");
            }
            previousEnds = ends;
            sleep(1000);
        }
    }

    private static SimServer first(List<SimServer> servers, String type) {
        return servers.stream().filter(s -> s.type().equals(type)).findFirst().orElseThrow();
    }

    private static String serverIdOf(SimServer server) {
        for (JsonNode s : dealer.get("/v1/servers?per_page=100").path("data")) {
            if (s.path("url").asText().equals(server.url()) && s.path("type").asText().equals(server.type())) {
                return s.path("id").asText();
            }
        }
        throw new AssertionError("no registered server for " + server.name());
    }

    private static void runNight(LocalDate asOf) {
        simulator.setClock(asOf);
        admin.post("/admin/v1/collection-runs", Map.of("as_of", asOf.toString()));
    }

    /** Ledger pages per service day of a feed in [from, to), from its deposits (days that net to zero left out). */
    private static Map<LocalDate, Long> ledgerOf(String feed, LocalDate from, LocalDate to) {
        Api metering = dealer.at(suite.url("metering-service"));
        Map<LocalDate, Long> days = new java.util.TreeMap<>();
        for (int page = 1;; page++) {
            JsonNode answer = metering.get("/v1/deposits?feed_id=" + feed + "&start_date=" + from + "&end_date=" + to
                    + "&per_page=100&page=" + page);
            answer.path("data").forEach(d -> days.merge(LocalDate.parse(d.path("service_date").asText()),
                    d.path("standard_pages").asLong(), Long::sum));
            if (!answer.path("has_more").asBoolean()) {
                return withoutZeros(days);
            }
        }
    }

    private static Map<LocalDate, Long> withoutZeros(Map<LocalDate, Long> days) {
        Map<LocalDate, Long> kept = new java.util.TreeMap<>(days);
        kept.values().removeIf(pages -> pages == 0);
        return kept;
    }

    private static void awaitCollectedThrough(String feed, LocalDate day) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            String through = dealer.get("/v1/feeds/" + feed).path("collected_through").asText("");
            if (!through.isEmpty() && !LocalDate.parse(through).isBefore(day)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("feed " + feed + " not collected through " + day + " within 120 s (at " + through + ")");
            }
            sleep(500);
        }
    }

    /** Deposits are metered after the collection is done: wait until metering lists the account's first. */
    private static void awaitDeposits() {
        Api metering = dealer.at(suite.url("metering-service"));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                if (metering.get("/v1/deposits?account_id=" + accountId).path("total").asLong() > 0) {
                    return;
                }
            } catch (Api.ApiException e) {
                // 404 until metering saw the account's first deposit
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no deposit for account " + accountId + " within 120 s");
            }
            sleep(500);
        }
    }

    private static void awaitServerHealth(String serverId, String health) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (!health.equals(dealer.get("/v1/servers/" + serverId).path("health_check").asText())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("server " + serverId + " did not become " + health + " within 120 s");
            }
            sleep(500);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
