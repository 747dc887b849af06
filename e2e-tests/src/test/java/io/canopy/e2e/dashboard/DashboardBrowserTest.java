package io.canopy.e2e.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
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
            new Select(browser.find("#type")).selectByValue(type); // the form reloads with that vendor's fields
            browser.waitUntil(Duration.ofSeconds(10), d -> !d.findElements(org.openqa.selenium.By.cssSelector("form.register")).isEmpty());
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
    void aCustomerIsPickedFromTheVendorsListIntoANewAccount() {
        String serverId = serverIdOf(tracked);
        browser.go("/feeds/new?server_id=" + serverId);
        Select customers = new Select(browser.find("#external_id"));
        List<WebElement> options = customers.getOptions();
        assertThat(options).as("the vendor's customers, after the prompt").hasSizeGreaterThan(1);
        customers.selectByIndex(1);
        new Select(browser.find("#account_id")).selectByValue("new");
        browser.type("#new_account", "Browser Co");
        LocalDate activation = simulator.clock().minusDays(3);
        // A date input's typing order follows the browser's locale: set its value as a form would hold it.
        browser.driver.executeScript("arguments[0].value = arguments[1]", browser.find("#activation_date"),
                activation.toString());
        browser.screenshot("07-add-feed");
        browser.submit("form.add-feed");
        assertThat(browser.path()).startsWith("/feeds/");
        assertThat(browser.find("[role=status]").getText()).contains("Feed added");
        feedId = browser.path().substring("/feeds/".length());
        accountId = dealer.get("/v1/feeds/" + feedId).path("account_id").asText();
        browser.screenshot("08-feed");
    }

    @Test
    @Order(4)
    void afterTwoNightsTheAccountShowsItsDepositsAndChart() {
        LocalDate first = simulator.clock().plusDays(1);
        runNight(first);
        runNight(first.plusDays(1));
        awaitCollectedThrough(first);
        awaitDeposits();
        browser.go("/accounts/" + accountId);
        assertThat(browser.all("#deposits tbody tr")).as("deposits listed").isNotEmpty();
        assertThat(browser.find("#deposits").getText()).doesNotContain("No deposits yet");
        assertThat(browser.all(".chart rect")).as("one bar per day of 60").hasSize(60);
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
    void aServerWhoseCredentialsAreRevokedTurnsUnhealthyAndRecovers() {
        String serverId = serverIdOf(tracked);
        simulator.fault(Map.of("server", tracked.name(), "type", "revoke_credentials"));
        try {
            runNight(simulator.clock().plusDays(1));
            awaitServerHealth(serverId, "unhealthy");
            browser.go("/servers");
            assertThat(browser.text()).contains("unhealthy");
            browser.go("/");
            assertThat(browser.find("#unhealthy-count").getText()).isNotEqualTo("0");
            browser.screenshot("12-unhealthy");
        } finally {
            simulator.fault(Map.of("server", tracked.name(), "type", "restore_credentials"));
        }
        awaitServerHealth(serverId, "healthy");
        browser.go("/servers/" + serverId);
        assertThat(browser.find(".badge").getText()).isEqualTo("healthy");
        browser.screenshot("13-recovered");
    }

    @Test
    @Order(6)
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
    @Order(7)
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

    private static void awaitCollectedThrough(LocalDate day) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            String through = dealer.get("/v1/feeds/" + feedId).path("collected_through").asText("");
            if (!through.isEmpty() && !LocalDate.parse(through).isBefore(day)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("feed not collected through " + day + " within 120 s (at " + through + ")");
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
