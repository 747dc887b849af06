package io.canopy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import io.canopy.contracts.Topics;
import io.canopy.contracts.events.DepositKind;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.localstack.LocalCanopy;
import io.canopy.localstack.PostgresServer;
import io.canopy.localstack.ServiceSpec;
import io.canopy.localstack.testing.TopicContents;

/**
 * Issue #17 "Faults survived", on two consecutive nights of the demo fleet after its month closed:
 * in the first, each of the five services is killed with SIGKILL once and restarted while the
 * night's collections and deposits are under way, then the Kafka broker is killed and started
 * again; in the second, PostgreSQL loses power as soon as the collector is at work and stays down for
 * a minute while readings, outcomes and deposits keep arriving, and nothing is restarted after it
 * (a consumer that stopped on a database error would stay stopped, and the ledger would fall behind
 * the truth). (Two nights because a service cannot start while its database is down, and restarting
 * services after the outage would heal exactly the stopped consumers this is meant to catch.)
 * Afterwards the ledger equals the simulator's truth per account and day, no deposit is duplicated,
 * no certificate already issued changes, and every outbox drains.
 */
final class ChaosNight {

    /** The outage the consumers must ride out without a restart (issue #17: 60 s). */
    static final Duration DATABASE_OUTAGE = Duration.ofSeconds(60);
    /** Nights after the chaotic one, so its service days are settled (DemoRun.SETTLING_DAYS + 1). */
    static final int NIGHTS_AFTER = DemoRun.SETTLING_DAYS + 1;

    private final Suite suite;
    private final DemoRun demo;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ChaosNight(Suite suite, DemoRun demo) {
        this.suite = suite;
        this.demo = demo;
    }

    /** The certificate facts a replay must not change, per account. */
    record IssuedCertificate(String id, long pages, long totalPages, String trees) {
        static IssuedCertificate of(JsonNode certificate) {
            return new IssuedCertificate(certificate.path("id").asText(), certificate.path("pages").asLong(),
                    certificate.path("total_pages").asLong(), certificate.path("trees").asText());
        }
    }

    void survive(YearMonth closedMonth) throws Exception {
        demo.renewTokens();
        Map<String, IssuedCertificate> certificatesBefore = certificates(closedMonth);
        assertThat(certificatesBefore).as("certificates of " + closedMonth + " exist before the chaos").hasSize(demo.feeds().size());

        // The ledger as it stood, per feed and day: what the chaos must not change. (A device whose
        // reading was garbage on a day has that day's volume spread over the gap: such days differ
        // from the truth per day by design, and must stay exactly as they were.)
        LocalDate settledBefore = demo.settledUntil();
        Map<String, DemoRun.Comparison> ledgerBefore = new HashMap<>();
        demo.compareWithTruth().forEach(c -> ledgerBefore.put(c.feed().feedId(), c));

        // Night one: each service killed once while its collections and deposits are under way, then
        // the broker.
        LocalDate chaos = demo.lastNight().plusDays(1);
        DemoRun.StartedNight first = demo.startNight(chaos);
        for (ServiceSpec service : ServiceSpec.ALL) {
            suite.crash(service.module());
            suite.restart(service.module());
        }
        suite.launcher().kill(LocalCanopy.KAFKA);
        System.out.println("  kafka                restarted: " + suite.launcher().start(LocalCanopy.KAFKA));
        demo.awaitNight(first);

        // Night two: PostgreSQL loses power as soon as the collector is talking to the vendors, and
        // stays down for a minute while readings, outcomes and deposits keep arriving. No service is
        // restarted after it: each consumer must ride it out and carry on by itself.
        Api simulator = new Api(suite.simulatorUrl(), null);
        simulator.send("DELETE", "/_sim/requests", null, -1);
        DemoRun.StartedNight second = demo.startNight(chaos.plusDays(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (simulator.get("/_sim/requests").path("requests").size() < 1) {
            assertThat(System.nanoTime() < deadline).as("the collector starts the second night").isTrue();
            TopicReader.sleep(50);
        }
        assertThat(suite.launcher().crashPostgres()).as("PostgreSQL was running").isTrue();
        long downSince = System.nanoTime();
        boolean sawNotReady = false;
        while (System.nanoTime() - downSince < DATABASE_OUTAGE.toNanos()) {
            sawNotReady |= !ready("registry-service") && !ready("metering-service");
            TopicReader.sleep(1000);
        }
        assertThat(sawNotReady).as("a service without its database says it is not ready").isTrue();
        System.out.println("  postgres             restarted: " + suite.launcher().start(LocalCanopy.POSTGRES));
        awaitAllReady(Duration.ofMinutes(2));
        demo.awaitNight(second);

        for (int n = 2; n <= NIGHTS_AFTER + 1; n++) {
            demo.night(chaos.plusDays(n));
        }

        List<DemoRun.Comparison> comparisons = demo.awaitLedgerMatchesTruth();
        for (DemoRun.Comparison c : comparisons) {
            String account = c.feed().accountName();
            assertThat(c.difference()).as(account + ": ledger - truth, pages, from " + c.from()).isZero();
            DemoRun.Comparison before = ledgerBefore.get(c.feed().feedId());
            Map<LocalDate, Long> settledDays = new java.util.TreeMap<>(c.ledgerByDay());
            settledDays.keySet().removeIf(day -> !day.isBefore(settledBefore));
            assertThat(settledDays).as(account + ": the days settled before the chaos are unchanged")
                    .isEqualTo(before.ledgerByDay());
            Map<LocalDate, long[]> newlyDiffering = new java.util.TreeMap<>(c.differingDays());
            newlyDiffering.keySet().removeIf(day -> day.isBefore(settledBefore));
            assertThat(newlyDiffering).as(account + ": days from " + settledBefore + " (the chaotic night " + chaos
                    + " and after) where ledger != truth [ledger, truth]").isEmpty();
        }
        noDepositIsDuplicated();
        assertThat(certificates(closedMonth)).as("certificates issued before the chaos are unchanged").isEqualTo(certificatesBefore);
        everyOutboxDrains(Duration.ofSeconds(90));
    }

    private Map<String, IssuedCertificate> certificates(YearMonth month) {
        Map<String, IssuedCertificate> certificates = new LinkedHashMap<>();
        for (DemoRun.Feed feed : demo.feeds()) {
            JsonNode certificate = demo.certificate(feed, month);
            if (!certificate.isMissingNode()) {
                certificates.put(feed.accountId(), IssuedCertificate.of(certificate));
            }
        }
        return certificates;
    }

    /**
     * A deposit id republished after a crash is allowed (at-least-once; consumers dedupe by id), but
     * every copy must say the same, and a feed's day has one regular deposit at most.
     */
    private void noDepositIsDuplicated() {
        Map<UUID, DepositRecorded> byId = new HashMap<>();
        Map<String, UUID> regularByFeedDay = new HashMap<>();
        for (var record : TopicContents.read(suite.kafkaBootstrapServers(), Topics.DEPOSITS, Duration.ofSeconds(60))) {
            DepositRecorded deposit = (DepositRecorded) TopicReader.decode(record);
            DepositRecorded earlier = byId.putIfAbsent(deposit.depositId(), deposit);
            if (earlier != null) {
                assertThat(List.of(deposit.feedId(), deposit.serviceDate(), deposit.standardPages(), deposit.kind()))
                        .as("deposit " + deposit.depositId() + " published twice with different content")
                        .isEqualTo(List.of(earlier.feedId(), earlier.serviceDate(), earlier.standardPages(),
                                earlier.kind()));
            }
            if (deposit.kind() == DepositKind.REGULAR) {
                UUID other = regularByFeedDay.putIfAbsent(deposit.feedId() + "/" + deposit.serviceDate(),
                        deposit.depositId());
                assertThat(other == null || other.equals(deposit.depositId()))
                        .as("two regular deposits for feed " + deposit.feedId() + " on " + deposit.serviceDate())
                        .isTrue();
            }
        }
        assertThat(byId).isNotEmpty();
    }

    private void everyOutboxDrains(Duration within) throws SQLException {
        long deadline = System.nanoTime() + within.toNanos();
        for (ServiceSpec service : ServiceSpec.ALL) {
            if (service.database().isEmpty()) {
                continue;
            }
            String url = suite.launcher().postgresJdbcUrl(service.database().get());
            while (true) {
                long pending = pendingOutboxRows(url);
                if (pending == 0) {
                    break;
                }
                assertThat(System.nanoTime() < deadline)
                        .as(service.module() + ": " + pending + " outbox rows still unpublished after " + within).isTrue();
                TopicReader.sleep(500);
            }
        }
    }

    private static long pendingOutboxRows(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, PostgresServer.EMBEDDED_USER, PostgresServer.EMBEDDED_PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM outbox_event WHERE published_at IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private boolean ready(String module) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(suite.url(module) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void awaitAllReady(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        for (ServiceSpec service : ServiceSpec.ALL) {
            while (!ready(service.module())) {
                assertThat(System.nanoTime() < deadline)
                        .as(service.module() + " ready again after the database came back, without a restart").isTrue();
                TopicReader.sleep(500);
            }
        }
    }
}
