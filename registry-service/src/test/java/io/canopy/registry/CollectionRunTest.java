package io.canopy.registry;

import static io.canopy.localstack.testing.Eventually.await;
import static io.canopy.registry.RegistryTestSupport.admin;
import static io.canopy.registry.RegistryTestSupport.decode;
import static io.canopy.registry.RegistryTestSupport.newDealer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.BackfillRequested;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.FeedHealthChanged;
import io.canopy.contracts.events.FeedHealthReason;
import io.canopy.contracts.events.HealthStatus;
import io.canopy.contracts.events.ServerHealthChanged;
import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.identity.DeterministicIds;
import io.canopy.localstack.LocalStackResource;
import io.canopy.registry.service.CollectionFeedback;
import io.canopy.registry.service.CollectionRuns;
import io.canopy.simulator.VendorSimulatorResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Nights as of a business date, end to end: registry's requests go through the outbox to Kafka,
 * the real collector collects them from the simulator, and its outcomes move (or keep) registry's
 * watermarks; health events pause a server, registry checks it until the check passes, and turns
 * backfill requests into collection requests.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
@WithTestResource(VendorSimulatorResource.class)
@WithTestResource(CollectorProcessResource.class)
class CollectionRunTest {

    @Inject
    CollectionFeedback feedback;

    @Inject
    CollectionRuns runs;

    static final Duration OUTCOME_TIMEOUT = Duration.ofSeconds(90);

    static void run(String asOf) {
        admin().body(Map.of("as_of", asOf)).post("/admin/v1/collection-runs").then().statusCode(202)
                .body("as_of", equalTo(asOf));
    }

    /** The requests for a feed (or server checks for a server) on the topic, waiting until there are {@code atLeast}. */
    static List<ConsumerRecord<String, byte[]>> requests(java.util.function.Predicate<CollectionRequested> which,
            int atLeast) {
        List<ConsumerRecord<String, byte[]>> all = RegistryTestSupport.readUntil(Topics.COLLECTION_REQUESTS,
                records -> records.stream().filter(r -> which.test((CollectionRequested) decode(r))).count() >= atLeast,
                Duration.ofSeconds(60));
        return all.stream().filter(r -> which.test((CollectionRequested) decode(r))).toList();
    }

    static java.util.function.Predicate<CollectionRequested> forFeed(UUID feed) {
        return request -> feed.equals(request.feedId());
    }

    static String feedField(RegistryTestSupport.Dealer dealer, UUID feed, String field) {
        return dealer.api().get("/v1/feeds/" + feed).then().statusCode(200).extract().path(field);
    }

    @Test
    void windowsStartAtActivationThenAtTheWatermarkAndAFailedFeedKeepsItsGap() {
        var dealer = newDealer("Nights");
        UUID server = RegistryTestSupport.createServer(dealer, VendorType.PRINT_TRACKER);
        UUID account = RegistryTestSupport.createAccount(dealer, "Elm Street School");
        UUID good = RegistryTestSupport.createFeed(dealer, account, server, "60a1b2c3d4e5f60718293a4b", "2026-02-01");
        // a customer the vendor does not have: the real collector fails it NOT_FOUND
        UUID missing = RegistryTestSupport.createFeed(dealer, account, server, "60a1b2c3d4e5f607182900ff", "2026-02-01");
        UUID inactive = RegistryTestSupport.createFeed(dealer, account, server, "60a1b2c3d4e5f60718293a4d", "2026-02-01");
        dealer.api().post("/v1/feeds/" + inactive + "/deactivate").then().statusCode(200);

        run("2026-02-10");
        DateWindow first = DateWindow.of(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-10"));
        ConsumerRecord<String, byte[]> record = requests(forFeed(good), 1).get(0);
        CollectionRequested request = (CollectionRequested) decode(record);
        assertThat(request.window()).isEqualTo(first);
        assertThat(request.purpose()).isEqualTo(CollectionPurpose.ACTIVATION);
        assertThat(request.asOf()).isEqualTo(LocalDate.parse("2026-02-10"));
        assertThat(request.requestId()).isEqualTo(DeterministicIds.collectionRequest(good, first, CollectionPurpose.ACTIVATION));
        assertThat(RegistryTestSupport.header(record, CloudEventHeaders.ID)).isEqualTo(request.requestId().toString());
        assertThat(record.key()).isEqualTo(server.toString());
        assertThat(request.accountId()).isEqualTo(account);
        assertThat(request.dealerId()).isEqualTo(dealer.id());
        assertThat(request.credentials().algorithm()).isEqualTo("AES-256-GCM");
        assertThat(new String(record.value())).doesNotContain("0d6e2f1a-8b7c-4d5e-9f0a-1b2c3d4e5f60");

        await("the collector's success to move the watermark", OUTCOME_TIMEOUT,
                () -> "2026-02-10".equals(feedField(dealer, good, "collected_through")));
        await("the collector's failure to be recorded", OUTCOME_TIMEOUT,
                () -> "failed: not_found".equals(feedField(dealer, missing, "last_collection_status")));
        assertThat(feedField(dealer, missing, "collected_through")).isNull();

        run("2026-02-12");
        CollectionRequested next = (CollectionRequested) decode(requests(forFeed(good), 2).get(1));
        assertThat(next.window()).isEqualTo(DateWindow.of(LocalDate.parse("2026-02-10"), LocalDate.parse("2026-02-12")));
        assertThat(next.purpose()).isEqualTo(CollectionPurpose.NIGHTLY);
        CollectionRequested retry = (CollectionRequested) decode(requests(forFeed(missing), 2).get(1));
        assertThat(retry.window()).isEqualTo(DateWindow.of(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-12")));

        // the same night again adds nothing (deterministic ids; an already collected window is skipped)
        run("2026-02-12");
        await("the good feed's second window to be collected", OUTCOME_TIMEOUT,
                () -> "2026-02-12".equals(feedField(dealer, good, "collected_through")));
        List<CollectionRequested> all = RegistryTestSupport.readAll(Topics.COLLECTION_REQUESTS).stream()
                .map(r -> (CollectionRequested) decode(r)).filter(r -> dealer.id().equals(r.dealerId())).toList();
        assertThat(all).extracting(CollectionRequested::requestId).doesNotHaveDuplicates();
        assertThat(all).filteredOn(r -> good.equals(r.feedId())).hasSize(2);
        assertThat(all).filteredOn(r -> missing.equals(r.feedId())).hasSize(2);
        assertThat(all).filteredOn(r -> inactive.equals(r.feedId())).isEmpty();
    }

    /** This dealer's requests on the topic now. */
    static List<CollectionRequested> requestsOf(RegistryTestSupport.Dealer dealer) {
        return RegistryTestSupport.readAll(Topics.COLLECTION_REQUESTS).stream().map(r -> (CollectionRequested) decode(r))
                .filter(r -> dealer.id().equals(r.dealerId())).toList();
    }

    /**
     * Issue #16 §1: a current-counter vendor cannot look back, so the night whose as_of is the
     * activation date reads the counters (the end of the day before: the activation day's baseline)
     * instead of finding the window [A, A) empty; history and aggregate feeds are not asked for the
     * day before and start at the activation date the night after, as before.
     */
    @Test
    void theActivationNightReadsACurrentCounterFeedsBaselineWhileOtherFeedsStartAtTheActivationDate() {
        run("2026-02-15"); // business time of this JVM's database, whatever ran before
        LocalDate activation = runs.businessToday().plusDays(1);
        var dealer = newDealer("Activation night");
        UUID account = RegistryTestSupport.createAccount(dealer, "Acme Ltd");
        UUID meter = RegistryTestSupport.createFeed(dealer, account,
                RegistryTestSupport.createServer(dealer, VendorType.MPS_MONITOR), "EA45CEF3D8EF6D0F", activation.toString());
        UUID aggregate = RegistryTestSupport.createFeed(dealer, account,
                RegistryTestSupport.createServer(dealer, VendorType.ONESTOP), "1042", activation.toString());
        UUID history = RegistryTestSupport.createFeed(dealer, account,
                RegistryTestSupport.createServer(dealer, VendorType.PRINT_TRACKER), "60a1b2c3d4e5f60718293a4b",
                activation.toString());

        run(activation.toString());
        DateWindow baseline = DateWindow.of(activation.minusDays(1), activation);
        CollectionRequested read = (CollectionRequested) decode(requests(forFeed(meter), 1).get(0));
        assertThat(read.window()).isEqualTo(baseline);
        assertThat(read.purpose()).isEqualTo(CollectionPurpose.ACTIVATION);
        assertThat(read.asOf()).isEqualTo(activation);
        assertThat(read.activationDate()).isEqualTo(activation);
        assertThat(read.requestId()).isEqualTo(DeterministicIds.collectionRequest(meter, baseline, CollectionPurpose.ACTIVATION));
        await("the baseline read to set the watermark to the activation date", OUTCOME_TIMEOUT,
                () -> activation.toString().equals(feedField(dealer, meter, "collected_through")));
        assertThat(requestsOf(dealer)).as("aggregate and history feeds are not asked for the day before")
                .extracting(CollectionRequested::feedId).containsOnly(meter);

        run(activation.toString()); // the same night again: the baseline is read, nothing more to do
        run(activation.plusDays(1).toString());
        DateWindow day = DateWindow.of(activation, activation.plusDays(1));
        CollectionRequested next = (CollectionRequested) decode(requests(forFeed(meter), 2).get(1));
        assertThat(next.window()).isEqualTo(day);
        assertThat(next.purpose()).isEqualTo(CollectionPurpose.NIGHTLY);
        for (UUID feed : List.of(aggregate, history)) {
            CollectionRequested first = (CollectionRequested) decode(requests(forFeed(feed), 1).get(0));
            assertThat(first.window()).as("counted from the activation date").isEqualTo(day);
            assertThat(first.purpose()).isEqualTo(CollectionPurpose.ACTIVATION);
            assertThat(first.activationDate()).isEqualTo(activation);
        }
        assertThat(requestsOf(dealer)).filteredOn(forFeed(meter)).hasSize(2);
    }

    /**
     * A current-counter feed created with an activation date of registry's business today missed
     * that day's night: it is read at once (purpose activation, in the create transaction's outbox),
     * and the night of that day run again reads it no second time (the same request id). Printerpoint
     * feeds without an activation date start on the business today, so they are read at once too.
     */
    @Test
    void aCurrentCounterFeedActivatedTodayIsReadAtOnceAndTheNightOfThatDayAddsNoSecondRead() {
        run("2026-02-15");
        LocalDate today = runs.businessToday();
        var dealer = newDealer("Activated today");
        UUID account = RegistryTestSupport.createAccount(dealer, "Poplar Studios");
        UUID meter = RegistryTestSupport.createFeed(dealer, account,
                RegistryTestSupport.createServer(dealer, VendorType.MPS_MONITOR), "EA45CEF3D8EF6D0F", today.toString());
        UUID printerpoint = UUID.fromString(dealer.api().body(Map.of("account_id", account.toString(), "server_id",
                RegistryTestSupport.createServer(dealer, VendorType.PRINTERPOINT).toString(), "external_id", "88001"))
                .post("/v1/feeds").then().statusCode(201).body("activation_date", equalTo(today.toString())).extract()
                .path("id"));
        UUID aggregate = RegistryTestSupport.createFeed(dealer, account,
                RegistryTestSupport.createServer(dealer, VendorType.ONESTOP), "1042", today.toString());

        DateWindow baseline = DateWindow.of(today.minusDays(1), today);
        for (UUID feed : List.of(meter, printerpoint)) {
            CollectionRequested read = (CollectionRequested) decode(requests(forFeed(feed), 1).get(0));
            assertThat(read.window()).isEqualTo(baseline);
            assertThat(read.purpose()).isEqualTo(CollectionPurpose.ACTIVATION);
            assertThat(read.asOf()).isEqualTo(today);
            assertThat(read.activationDate()).isEqualTo(today);
            assertThat(read.requestId()).isEqualTo(DeterministicIds.collectionRequest(feed, baseline,
                    CollectionPurpose.ACTIVATION));
        }

        run(today.toString());
        // a feed of the same dealer activated yesterday gets its request from this run: once it is on
        // the topic, a second read of the feeds activated today would be there too
        UUID marker = RegistryTestSupport.createFeed(dealer, account,
                RegistryTestSupport.createServer(dealer, VendorType.PRINT_TRACKER), "60a1b2c3d4e5f60718293a4b",
                today.minusDays(1).toString());
        run(today.toString());
        requests(forFeed(marker), 1);
        List<CollectionRequested> all = requestsOf(dealer);
        assertThat(all).filteredOn(forFeed(meter)).hasSize(1);
        assertThat(all).filteredOn(forFeed(printerpoint)).hasSize(1);
        assertThat(all).as("an aggregate feed is read from its activation date on, the night after")
                .filteredOn(forFeed(aggregate)).isEmpty();
    }

    @Test
    void anUnhealthyServerIsSkippedAndCheckedUntilACheckPassesThenResumes() {
        var dealer = newDealer("Paused");
        UUID paused = RegistryTestSupport.createServer(dealer, VendorType.MPS_MONITOR);
        UUID healthy = RegistryTestSupport.createServer(dealer, VendorType.PRINTERPOINT);
        UUID account = RegistryTestSupport.createAccount(dealer, "Acme");
        UUID pausedFeed = RegistryTestSupport.createFeed(dealer, account, paused, "EA45CEF3D8EF6D0F", "2026-02-01");
        UUID healthyFeed = RegistryTestSupport.createFeed(dealer, account, healthy, "88001", "2026-02-01");

        RegistryTestSupport.send(Topics.HEALTH, new ServerHealthChanged(dealer.id(), paused, HealthStatus.UNHEALTHY,
                FailureKind.AUTH_REJECTED, "InvalidDealerToken", LocalDate.parse("2026-02-04"), Instant.now()));
        await("the server to be marked unhealthy", Duration.ofSeconds(60), () -> "unhealthy".equals(
                dealer.api().get("/v1/servers/" + paused).then().extract().path("health_check")));
        dealer.api().post("/v1/feeds/" + pausedFeed + "/collect").then().statusCode(409);

        run("2026-02-05");
        requests(forFeed(healthyFeed), 1);
        assertThat(RegistryTestSupport.readAll(Topics.COLLECTION_REQUESTS).stream().map(r -> (CollectionRequested) decode(r))
                .filter(forFeed(pausedFeed))).isEmpty();

        // registry sends server checks (every 3 s in tests); the real collector's check passes; the server resumes
        CollectionRequested check = (CollectionRequested) decode(requests(r -> paused.equals(r.serverId())
                && r.purpose() == CollectionPurpose.SERVER_CHECK, 1).get(0));
        assertThat(check.feedId()).isNull();
        assertThat(check.window()).isNull();
        // business "today" is the latest as_of any run has seen (other test classes may have run later nights)
        assertThat(check.asOf()).isAfterOrEqualTo(LocalDate.parse("2026-02-05"));
        await("a passing server check to resume the server", OUTCOME_TIMEOUT, () -> "healthy".equals(
                dealer.api().get("/v1/servers/" + paused).then().extract().path("health_check")));

        run("2026-02-06");
        CollectionRequested resumed = (CollectionRequested) decode(requests(forFeed(pausedFeed), 1).get(0));
        assertThat(resumed.window()).isEqualTo(DateWindow.of(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-06")));
    }

    @Test
    void aBackfillRequestBecomesABackfillCollectionAndFeedHealthIsProjected() {
        run("2026-02-09"); // the recovery night, before the feed exists: a backfill never ends after business today
        var dealer = newDealer("Backfill");
        UUID server = RegistryTestSupport.createServer(dealer, VendorType.ONESTOP);
        UUID account = RegistryTestSupport.createAccount(dealer, "Maple");
        UUID feed = RegistryTestSupport.createFeed(dealer, account, server, "1042", "2026-02-01");

        RegistryTestSupport.send(Topics.HEALTH, new FeedHealthChanged(dealer.id(), account, feed, server,
                HealthStatus.UNHEALTHY, FeedHealthReason.STALE_DATA, LocalDate.parse("2026-02-03"),
                LocalDate.parse("2026-02-07"), Instant.now()));
        await("feed health to be projected", Duration.ofSeconds(60),
                () -> "unhealthy".equals(feedField(dealer, feed, "health_check")));
        assertThat(feedField(dealer, feed, "health_reason")).isEqualTo("stale_data");

        DateWindow episode = DateWindow.of(LocalDate.parse("2026-02-04"), LocalDate.parse("2026-02-09"));
        BackfillRequested backfill = new BackfillRequested(DeterministicIds.backfill(feed, episode.from()), dealer.id(),
                account, feed, server, episode, LocalDate.parse("2026-02-09"), Instant.now());
        RegistryTestSupport.send(Topics.HEALTH, backfill);
        RegistryTestSupport.send(Topics.HEALTH, backfill); // redelivered: applied once
        CollectionRequested request = (CollectionRequested) decode(requests(forFeed(feed), 1).get(0));
        assertThat(request.purpose()).isEqualTo(CollectionPurpose.BACKFILL);
        assertThat(request.window()).isEqualTo(episode);
        assertThat(request.requestId()).isEqualTo(DeterministicIds.collectionRequest(feed, episode, CollectionPurpose.BACKFILL));
        // business "today" is the latest run's as_of (other test classes may have run later nights)
        assertThat(request.asOf()).isAfterOrEqualTo(LocalDate.parse("2026-02-09"));

        // another dealer's id in an event changes nothing of this dealer's
        RegistryTestSupport.send(Topics.HEALTH, new ServerHealthChanged(UUID.randomUUID(), server, HealthStatus.UNHEALTHY,
                FailureKind.UNREACHABLE, "down", LocalDate.parse("2026-02-09"), Instant.now()));
        RegistryTestSupport.send(Topics.HEALTH, new FeedHealthChanged(dealer.id(), account, feed, server,
                HealthStatus.HEALTHY, null, LocalDate.parse("2026-02-08"), LocalDate.parse("2026-02-09"), Instant.now()));
        await("the later feed change to be projected", Duration.ofSeconds(60),
                () -> "healthy".equals(feedField(dealer, feed, "health_check")));
        assertThat(dealer.api().get("/v1/servers/" + server).then().extract().<String>path("health_check"))
                .isEqualTo("healthy");
        long backfills = RegistryTestSupport.readAll(Topics.COLLECTION_REQUESTS).stream().map(r -> (CanopyEvent) decode(r))
                .filter(e -> Objects.equals(((CollectionRequested) e).feedId(), feed)).count();
        assertThat(backfills).isEqualTo(1);
    }

    /**
     * The e2e flake of 2026-03-13 ("18 of 19 answered" on a stale agent's recovery night): a feed's
     * health change and its collection outcome arrive on two consumers at once. Each transaction
     * wrote the whole row it had read, so the later commit put back the watermark the other had
     * just moved. Now every writer locks the feed's row first; this holds the health change's
     * transaction open until the outcome has either committed (the old lost update) or is waiting
     * for the lock (the fix), then checks that both landed.
     */
    @Test
    void aHealthChangeAndAnOutcomeForTheSameFeedAtOnceBothLand() throws Exception {
        var dealer = newDealer("Races");
        UUID server = RegistryTestSupport.createServer(dealer, VendorType.ONESTOP);
        UUID account = RegistryTestSupport.createAccount(dealer, "Rowan");
        UUID feed = RegistryTestSupport.createFeed(dealer, account, server, "1042", "2026-03-01");
        DateWindow window = DateWindow.of(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-13"));
        LocalDate asOf = window.to();
        var stale = new FeedHealthChanged(dealer.id(), account, feed, server, HealthStatus.UNHEALTHY,
                FeedHealthReason.STALE_DATA, LocalDate.parse("2026-03-05"), asOf, Instant.now());
        var success = new CollectionSucceeded(DeterministicIds.collectionRequest(feed, window, CollectionPurpose.NIGHTLY),
                dealer.id(), account, feed, server, VendorType.ONESTOP, window, CollectionPurpose.NIGHTLY, asOf, 0, 12, 0,
                null, null, 12, Map.of(), Instant.now(), "UTC");

        CountDownLatch healthApplied = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService consumers = Executors.newFixedThreadPool(2);
        try {
            Future<?> health = consumers.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                feedback.apply("test.health", UUID.randomUUID().toString(), stale);
                healthApplied.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(healthApplied.await(30, TimeUnit.SECONDS)).isTrue();
            Future<?> outcome = consumers.submit(() -> feedback.apply("test.outcomes", UUID.randomUUID().toString(), success));
            await("the outcome to commit or to wait for the feed's row lock", Duration.ofSeconds(30),
                    () -> outcome.isDone() || sessionsWaitingForALock() > 0);
            release.countDown();
            health.get(30, TimeUnit.SECONDS);
            outcome.get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            consumers.shutdownNow();
        }

        assertThat(feedField(dealer, feed, "collected_through")).isEqualTo("2026-03-13");
        assertThat(feedField(dealer, feed, "last_collection_status")).isEqualTo("succeeded");
        assertThat(feedField(dealer, feed, "health_check")).isEqualTo("unhealthy");
    }

    static int sessionsWaitingForALock() {
        try (var db = RegistryTestSupport.database(); var statement = db.createStatement();
                var rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            rows.next();
            return rows.getInt(1);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
