package io.canopy.certificate;

import static io.canopy.localstack.testing.Eventually.await;
import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import io.canopy.contracts.Topics;
import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CertificateIssued;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.events.DepositKind;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.contracts.events.EventJson;
import io.canopy.contracts.identity.DeterministicIds;
import io.restassured.response.ValidatableResponse;
import io.canopy.localstack.testing.Sql;
import io.canopy.localstack.testing.TestKafka;
import io.canopy.localstack.testing.TopicContents;

/**
 * Sends deposits the way metering does (real broker, CloudEvents headers, keyed by account), reads
 * what the service stored and published. Business time is per dealer and moved only by nights, so
 * {@link #send} sends each deposit's nightly outcome first; each test still takes a fresh year after
 * the latest business today of any dealer.
 */
final class CertificateTestSupport {

    static final String ADMIN = "Bearer test-admin-token";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private CertificateTestSupport() {
    }

    /** A year no test has reached yet: the business clock is before its first day. */
    static int freshYear(DataSource db) {
        LocalDate today = single(db, "SELECT max(today) FROM dealer_business_day", rs -> rs.getDate(1) == null ? null
                : rs.getDate(1).toLocalDate());
        return today == null ? 2030 : today.getYear() + 1;
    }

    static DepositRecorded deposit(UUID dealer, UUID account, LocalDate serviceDate, long pages, LocalDate asOf) {
        return deposit(dealer, account, serviceDate, pages, asOf, null);
    }

    /** A deposit recorded at the start of its as-of day, carrying the account's name of that moment. */
    static DepositRecorded deposit(UUID dealer, UUID account, LocalDate serviceDate, long pages, LocalDate asOf,
            String accountName) {
        UUID feed = DeterministicIds.derived("test-feed", account);
        UUID request = UUID.randomUUID();
        return new DepositRecorded(DeterministicIds.deposit(feed, serviceDate, request), dealer, account, feed, serviceDate,
                pages, pages, DepositKind.REGULAR, request, asOf, asOf.atStartOfDay().toInstant(ZoneOffset.UTC),
                accountName);
    }

    /**
     * Sends deposits the way a night brings them: first the nightly outcome of each deposit's feed and
     * as_of (only nights move a dealer's business time, DESIGN.md rule 12), waiting until the dealer's
     * business today has reached it, then the deposits.
     */
    static void send(DepositRecorded... deposits) {
        DataSource db = io.quarkus.arc.Arc.container().instance(DataSource.class).get();
        for (DepositRecorded deposit : deposits) {
            sendEvent(Topics.COLLECTION_OUTCOMES, night(deposit.dealerId(), deposit.accountId(), deposit.feedId(),
                    deposit.asOf()));
            awaitToday(db, deposit.dealerId(), deposit.asOf());
        }
        sendDepositsOnly(deposits);
    }

    /** Deposits alone, no night: they must not move business time. */
    static void sendDepositsOnly(DepositRecorded... deposits) {
        try (var producer = producer()) {
            for (DepositRecorded deposit : deposits) {
                producer.send(record(deposit, deposit.depositId().toString())).get();
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The nightly collection of the feed as of {@code asOf}: the day before, collected successfully. */
    static CollectionSucceeded night(UUID dealer, UUID account, UUID feed, LocalDate asOf) {
        return collected(dealer, account, feed, DateWindow.day(asOf.minusDays(1)), CollectionPurpose.NIGHTLY, asOf);
    }

    static CollectionSucceeded collected(UUID dealer, UUID account, UUID feed, DateWindow window, CollectionPurpose purpose,
            LocalDate asOf) {
        return new CollectionSucceeded(DeterministicIds.collectionRequest(feed, window, purpose), dealer, account, feed,
                DeterministicIds.derived("test-server", dealer), VendorType.MPS_MONITOR, window, purpose, asOf, 1, 0, 1,
                window.to().atStartOfDay().minusHours(1).toInstant(ZoneOffset.UTC), null, 0, Map.of(),
                asOf.atTime(2, 0).toInstant(ZoneOffset.UTC), "UTC");
    }

    /** Any event on its topic, keyed as its producer keys it, with CloudEvents headers. */
    static void sendEvent(String topic, CanopyEvent event) {
        try (var producer = producer()) {
            var record = new ProducerRecord<String, byte[]>(topic, event.partitionKey(), EventJson.write(event));
            CloudEventHeaders.of(event, "/canopy/test", java.time.Instant.now()).forEach((k, v) -> record.headers().add(k, v));
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static LocalDate today(DataSource db, UUID dealer) {
        return single(db, "SELECT today FROM dealer_business_day WHERE dealer_id = ?", rs -> rs.getDate(1).toLocalDate(), dealer);
    }

    /** Waits until the dealer's business today is at least {@code day}. */
    static void awaitToday(DataSource db, UUID dealer, LocalDate day) {
        await("dealer " + dealer + "'s business today to reach " + day, () -> {
            LocalDate today = today(db, dealer);
            return today != null && !today.isBefore(day);
        });
    }

    /** Sends the deposit with a chosen CloudEvents id (a redelivery keeps it; a re-publication may not). */
    static void sendWithMessageId(DepositRecorded deposit, String ceId) {
        try (var producer = producer()) {
            producer.send(record(deposit, ceId)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static void sendRaw(String accountKey, byte[] body, Map<String, String> headers) {
        try (var producer = producer()) {
            var record = new ProducerRecord<String, byte[]>(Topics.DEPOSITS, accountKey, body);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ProducerRecord<String, byte[]> record(DepositRecorded deposit, String ceId) {
        var record = new ProducerRecord<String, byte[]>(Topics.DEPOSITS, deposit.partitionKey(), EventJson.write(deposit));
        CloudEventHeaders.of(deposit, "/canopy/metering-test", deposit.recordedAt()).forEach((k, v) -> record.headers().add(k, v));
        record.headers().remove(CloudEventHeaders.ID);
        record.headers().add(CloudEventHeaders.ID, ceId.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static KafkaProducer<String, byte[]> producer() {
        return TestKafka.producer(bootstrap());
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Waits until every deposit is in the projection. */
    static void awaitStored(DataSource db, DepositRecorded... deposits) {
        for (DepositRecorded d : deposits) {
            await("deposit " + d.depositId() + " stored", () -> count(db, "SELECT count(*) FROM deposit WHERE deposit_id = ?",
                    d.depositId()) == 1);
        }
    }

    /** Waits until every message id is in the consumed-message log (applied or recognised as a repeat). */
    static void awaitConsumed(DataSource db, String... messageIds) {
        for (String id : messageIds) {
            await("message " + id + " consumed", () -> count(db,
                    "SELECT count(*) FROM consumed_message WHERE consumer = 'certificate.deposits' AND message_id = ?", id) == 1);
        }
    }

    static ValidatableResponse adminClose(YearMonth period) {
        return given().header("Authorization", ADMIN).when().post("/admin/v1/periods/" + period + "/close").then();
    }

    static String periodStatus(DataSource db, UUID account, YearMonth period) {
        return single(db, "SELECT status FROM account_period WHERE account_id = '" + account + "' AND period = '"
                + period.atDay(1) + "'", rs -> rs.getString(1));
    }

    static long count(DataSource db, String sql, Object... args) {
        Long n = single(db, sql, rs -> rs.getLong(1), args);
        return n == null ? 0 : n;
    }

    interface Row<T> extends Sql.Row<T> {
    }

    static <T> T single(DataSource db, String sql, Row<T> row, Object... args) {
        return Sql.single(db, sql, row, args);
    }

    static void execute(DataSource db, String sql, Object... args) {
        Sql.execute(db, sql, args);
    }

    /**
     * Every CertificateIssued for the account already on canopy.certificates.v1: reads each partition
     * to its end offset as of now, so an absence is proven, not guessed.
     */
    static List<CertificateIssued> certificatesOnTopic(UUID account) {
        return TopicContents.read(bootstrap(), Topics.CERTIFICATES, PATIENCE).stream()
                .filter(record -> account.toString().equals(record.key()))
                .map(record -> (CertificateIssued) EventJson.read(record.value(), new String(
                        record.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8)))
                .toList();
    }

    /** Waits until the outbox relay has published the certificate, then returns what the topic holds for the account. */
    static List<CertificateIssued> awaitCertificatesOnTopic(DataSource db, UUID account, int expected) {
        await(expected + " certificate(s) of " + account + " published", () -> count(db,
                "SELECT count(*) FROM outbox_event WHERE record_key = ? AND published_at IS NOT NULL", account.toString()) >= expected);
        return certificatesOnTopic(account);
    }
}
