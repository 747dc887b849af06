package io.canopy.collector;

import static io.canopy.collector.CollectorTestSupport.eventsOf;
import static io.canopy.collector.CollectorTestSupport.nightly;
import static io.canopy.collector.CollectorTestSupport.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.Topics;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.CollectionFailed;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.CollectionScope;
import io.canopy.contracts.events.CollectionSucceeded;
import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.RejectedPayload;
import io.canopy.contracts.events.ServerCheckFailed;
import io.canopy.contracts.events.ServerCheckPassed;
import io.canopy.contracts.events.VendorType;
import io.canopy.localstack.LocalStackResource;
import io.canopy.simulator.VendorSimulatorResource;
import io.canopy.simulator.scenario.FaultSpec;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Every fault of the issue, injected in the simulator, classified as DESIGN.md says; nothing partial published. */
@QuarkusTest
@WithTestResource(LocalStackResource.class)
@WithTestResource(VendorSimulatorResource.class)
class CollectionFaultsTest {

    static final DateWindow ONE_DAY = DateWindow.of(LocalDate.of(2026, 2, 12), LocalDate.of(2026, 2, 13));

    @AfterEach
    void clearFaults() {
        VendorSimulatorResource.current().faults().clear(null);
    }

    static void fault(String server, String type, Integer status, Integer times, Integer retryAfter, Integer ms,
            String pathContains) {
        VendorSimulatorResource.current().faults().add(new FaultSpec(server, type, status, times, retryAfter, ms, null,
                null, null, pathContains), VendorSimulatorResource.current().state());
    }

    static CanopyEvent outcomeOf(CollectionRequested request) {
        List<CanopyEvent> outcomes = eventsOf(Topics.COLLECTION_OUTCOMES, request.requestId(), e -> !e.isEmpty());
        assertThat(outcomes).as("one outcome").hasSize(1);
        return outcomes.get(0);
    }

    static CollectionFailed failed(CollectionRequested request) {
        CanopyEvent outcome = outcomeOf(request);
        assertThat(outcome).isInstanceOf(CollectionFailed.class);
        // Nothing partial: no readings and no CollectionCompleted for a failed request.
        assertThat(CollectorTestSupport.eventsAlreadyIn(Topics.METER_READINGS, request.requestId())).isEmpty();
        return (CollectionFailed) outcome;
    }

    @Test
    void fiveHundredsAreRetriedAndASuccessFollows() {
        fault("copyright-onestop", "status", 503, 2, null, null, "/summary");
        CollectionRequested request = nightly(VendorType.ONESTOP, "1042", null, "UTC", ONE_DAY);
        send(request);
        assertThat(outcomeOf(request)).isInstanceOf(CollectionSucceeded.class);
    }

    @Test
    void persistentFiveHundredsFailAsVendorError() {
        fault("copyright-onestop", "status", 502, 50, null, null, "/summary");
        CollectionRequested request = nightly(VendorType.ONESTOP, "1043", null, "UTC", ONE_DAY);
        send(request);
        CollectionFailed failed = failed(request);
        assertThat(failed.kind()).isEqualTo(FailureKind.VENDOR_ERROR);
        assertThat(failed.httpStatus()).isEqualTo(502);
        assertThat(failed.attempts()).isEqualTo(4);
    }

    @Test
    void a429IsRetriedAfterRetryAfter() {
        fault("copyright-onestop", "rate_limit", null, 1, 1, null, "/summary");
        CollectionRequested request = nightly(VendorType.ONESTOP, "1044", null, "UTC", ONE_DAY);
        long t0 = System.nanoTime();
        send(request);
        assertThat(outcomeOf(request)).isInstanceOf(CollectionSucceeded.class);
        assertThat((System.nanoTime() - t0) / 1_000_000).as("waited Retry-After").isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aRetryAfterBeyondTheBudgetFailsAsRateLimited() {
        fault("copyright-onestop", "rate_limit", null, 1, 3600, null, "/summary");
        CollectionRequested request = nightly(VendorType.ONESTOP, "1045", null, "UTC", ONE_DAY);
        send(request);
        assertThat(failed(request).kind()).isEqualTo(FailureKind.RATE_LIMITED);
    }

    @Test
    void aTruncatedBodyIsARejectedPayloadKeptForOperators() {
        fault("greenleaf-pt", "truncated", null, 1, null, null, "/meter");
        CollectionRequested request = nightly(VendorType.PRINT_TRACKER, "60a1b2c3d4e5f60718293a4d", CollectionScope.ALL,
                "UTC", ONE_DAY);
        send(request);
        assertThat(failed(request).kind()).isEqualTo(FailureKind.REJECTED_PAYLOAD);
        List<CanopyEvent> rejected = eventsOf(Topics.COLLECTION_REJECTED, request.requestId(), e -> !e.isEmpty());
        assertThat(rejected).hasSize(1);
        RejectedPayload payload = (RejectedPayload) rejected.get(0);
        assertThat(payload.endpoint()).startsWith("/v1/entity/").endsWith("/meter");
        assertThat(payload.body()).isNotEmpty();
        assertThat(payload.feedId()).isEqualTo(request.feedId());
    }

    @Test
    void anUnknownCustomerIsNotFound() {
        CollectionRequested request = nightly(VendorType.MPS_MONITOR, "0000000000000000", CollectionScope.ALL, "UTC", ONE_DAY);
        send(request);
        assertThat(failed(request).kind()).isEqualTo(FailureKind.NOT_FOUND);
    }

    @Test
    void mpsMonitorIsValidFalseIsAVendorError() {
        fault("greenleaf-mps", "invalid", null, 1, null, null, "/devices");
        CollectionRequested request = nightly(VendorType.MPS_MONITOR, "1B7D20C4F9A3E605", CollectionScope.ALL, "UTC", ONE_DAY);
        send(request);
        CollectionFailed failed = failed(request);
        assertThat(failed.kind()).isEqualTo(FailureKind.VENDOR_ERROR);
        assertThat(failed.reason()).contains("IsValid:false");
    }

    @Test
    void aPrintanistaAccountWithoutTheIntegrationIsIntegrationDisabled() {
        CollectionRequested request = nightly(VendorType.PRINTANISTA, "459", CollectionScope.ALL, "UTC", ONE_DAY);
        send(request);
        assertThat(failed(request).kind()).isEqualTo(FailureKind.INTEGRATION_DISABLED);
    }

    @Test
    void revokedCredentialsAreAuthRejected() {
        CollectionRequested request = CollectorTestSupport.request(VendorType.PRINTERPOINT, UUID.randomUUID(), "88001", null,
                "UTC", ONE_DAY, CollectionPurpose.NIGHTLY, java.util.Map.of("api_token", "revoked-token"),
                CollectorTestSupport.serverUrl(VendorType.PRINTERPOINT), 1);
        send(request);
        CollectionFailed failed = failed(request);
        assertThat(failed.kind()).isEqualTo(FailureKind.AUTH_REJECTED);
        assertThat(failed.httpStatus()).isEqualTo(401);
        assertThat(failed.attempts()).as("no retry storm on 401").isEqualTo(1);
    }

    @Test
    void oneStopLogsInAgainWhenItsTokenExpires() {
        CollectionRequested first = nightly(VendorType.ONESTOP, "1042", null, "UTC", ONE_DAY);
        send(first);
        assertThat(outcomeOf(first)).isInstanceOf(CollectionSucceeded.class);
        fault("copyright-onestop", "expire_tokens", null, null, null, null, null);
        CollectionRequested second = nightly(VendorType.ONESTOP, "1042", null, "UTC",
                DateWindow.of(LocalDate.of(2026, 2, 11), LocalDate.of(2026, 2, 12)));
        send(second);
        assertThat(outcomeOf(second)).isInstanceOf(CollectionSucceeded.class);
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsUnreachable() {
        fault("greenleaf-mps", "hang", null, 10, null, 2500, "/devices");
        CollectionRequested request = nightly(VendorType.MPS_MONITOR, "9C0FFEE1D00DAD42", CollectionScope.ALL, "UTC", ONE_DAY);
        send(request);
        CollectionFailed failed = failed(request);
        assertThat(failed.kind()).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(failed.reason()).contains("timed out");
    }

    @Test
    void aClosedPortIsUnreachable() {
        int closed = 9; // allow-listed in the test profile; nothing of ours listens on the discard port
        CollectionRequested request = CollectorTestSupport.request(VendorType.MPS_MONITOR, UUID.randomUUID(),
                "EA45CEF3D8EF6D0F", CollectionScope.ALL, "UTC", ONE_DAY, CollectionPurpose.NIGHTLY,
                CollectorTestSupport.CREDENTIALS.get(VendorType.MPS_MONITOR), "http://127.0.0.1:" + closed + "/x", 1);
        send(request);
        CollectionFailed failed = failed(request);
        assertThat(failed.kind()).isEqualTo(FailureKind.UNREACHABLE);
        assertThat(failed.reason()).contains("connection refused");
    }

    @Test
    void serverChecksPassOrFailWithTheVendorsReason() {
        UUID server = UUID.randomUUID();
        CollectionRequested good = CollectorTestSupport.request(VendorType.PRINTANISTA, server, null, null, "UTC", null,
                CollectionPurpose.SERVER_CHECK, CollectorTestSupport.CREDENTIALS.get(VendorType.PRINTANISTA),
                CollectorTestSupport.serverUrl(VendorType.PRINTANISTA), 1);
        CollectionRequested bad = CollectorTestSupport.request(VendorType.PRINTANISTA, UUID.randomUUID(), null, null, "UTC",
                null, CollectionPurpose.SERVER_CHECK, java.util.Map.of("username", "greenleaf-admin", "password",
                        "s1mulated-Pa55", "api_key", "wrong-key"), CollectorTestSupport.serverUrl(VendorType.PRINTANISTA), 1);
        send(good, bad);
        assertThat(outcomeOf(good)).isInstanceOf(ServerCheckPassed.class);
        ServerCheckFailed failed = (ServerCheckFailed) outcomeOf(bad);
        assertThat(failed.kind()).isEqualTo(FailureKind.AUTH_REJECTED);
        assertThat(failed.httpStatus()).isEqualTo(403);
        assertThat(failed.reason()).doesNotContain("wrong-key");
    }

    @Test
    void aServerThatKeepsFailingIsLeftAloneByItsCircuitBreakerWhileOthersGoOn() {
        fault("copyright-pp", "status", 503, 1000, null, null, null);
        UUID failing = UUID.randomUUID();
        java.util.Map<String, Object> check = java.util.Map.of("type", "printerpoint", "url",
                CollectorTestSupport.serverUrl(VendorType.PRINTERPOINT), "server_id", failing.toString(), "credentials",
                CollectorTestSupport.CREDENTIALS.get(VendorType.PRINTERPOINT));
        for (int i = 0; i < 5; i++) { // breaker-failure-threshold: 5 failed calls, 4 attempts each
            io.restassured.RestAssured.given().header("Authorization", InternalApiTest.TOKEN)
                    .contentType(io.restassured.http.ContentType.JSON).body(check).post("/internal/v1/checks").then()
                    .statusCode(200).body("kind", org.hamcrest.Matchers.equalTo("VENDOR_ERROR"));
        }
        int callsBefore = VendorSimulatorResource.current().requestLog().entries("copyright-pp").size();
        io.restassured.RestAssured.given().header("Authorization", InternalApiTest.TOKEN)
                .contentType(io.restassured.http.ContentType.JSON).body(check).post("/internal/v1/checks").then()
                .statusCode(200).body("kind", org.hamcrest.Matchers.equalTo("UNREACHABLE"))
                .body("reason", org.hamcrest.Matchers.containsString("circuit open"));
        assertThat(VendorSimulatorResource.current().requestLog().entries("copyright-pp"))
                .as("an open circuit sends nothing").hasSize(callsBefore);

        VendorSimulatorResource.current().faults().clear(null);
        java.util.Map<String, Object> another = new java.util.HashMap<>(check);
        another.put("server_id", UUID.randomUUID().toString());
        io.restassured.RestAssured.given().header("Authorization", InternalApiTest.TOKEN)
                .contentType(io.restassured.http.ContentType.JSON).body(another).post("/internal/v1/checks").then()
                .statusCode(200).body("ok", org.hamcrest.Matchers.equalTo(true));
    }
}
