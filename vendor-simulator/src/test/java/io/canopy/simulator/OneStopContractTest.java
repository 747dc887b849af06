package io.canopy.simulator;

import static io.canopy.simulator.SimHttp.get;
import static io.canopy.simulator.SimHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class OneStopContractTest extends SimulatorTestBase {

    String base() {
        return url("onestop", "copyright-onestop");
    }

    String login() {
        var r = post(base() + "/token", "application/x-www-form-urlencoded",
                "grant_type=password&username=copyright-api&password=0nestop-Simulated");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("token_type").asText()).isEqualTo("bearer");
        assertThat(r.json().path("expires_in").asInt()).isEqualTo(3600);
        return r.json().path("access_token").asText();
    }

    @Test
    void badCredentialsGet400InvalidGrant() {
        var r = post(base() + "/token", "application/x-www-form-urlencoded",
                "grant_type=password&username=copyright-api&password=wrong");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void customersNeedABearerToken() {
        assertThat(get(base() + "/api/customers").status()).isEqualTo(401);
        JsonNode customers = get(base() + "/api/customers", "Authorization", "Bearer " + login()).json();
        assertThat(customers).hasSize(4);
        assertThat(customers.get(0).path("id").isIntegralNumber()).isTrue();
        assertThat(customers.get(0).path("id").asLong()).isEqualTo(1042);
        assertThat(customers.get(0).path("name").asText()).isEqualTo("Maple Accounting");
    }

    @Test
    void summaryIsTheVolumeWithinTheHalfOpenWindowAndMatchesTheTruth() {
        String token = login();
        JsonNode day = get(base() + "/api/customers/1042/meterreadings/summary?fromDate=2026-02-10&toDate=2026-02-11",
                "Authorization", "Bearer " + token).json();
        JsonNode truth = SimHttp.truth(sim, "copyright-onestop", "1042", "2026-02-10", "2026-02-11", null)
                .path("days").get(0);
        assertThat(day.path("smallTotal").asLong()).isEqualTo(truth.path("small").asLong());
        assertThat(day.path("largeTotal").asLong()).isEqualTo(truth.path("large").asLong());
        assertThat(day.path("duplexTotal").asLong()).isEqualTo(truth.path("duplex").asLong());
        assertThat(day.path("smallTotal").asLong() + day.path("largeTotal").asLong())
                .isEqualTo(day.path("monoTotal").asLong() + day.path("colourTotal").asLong());
        assertThat(day.path("deviceTotal").asInt()).isEqualTo(10);
        assertThat(day.path("customerId").asLong()).isEqualTo(1042);

        // Two adjacent windows add up to the window covering both: half-open, no double count.
        long twoDays = get(base() + "/api/customers/1042/meterreadings/summary?fromDate=2026-02-10&toDate=2026-02-12",
                "Authorization", "Bearer " + token).json().path("smallTotal").asLong();
        long secondDay = get(base() + "/api/customers/1042/meterreadings/summary?fromDate=2026-02-11&toDate=2026-02-12",
                "Authorization", "Bearer " + token).json().path("smallTotal").asLong();
        assertThat(twoDays).isEqualTo(day.path("smallTotal").asLong() + secondDay);
    }

    @Test
    void daysFromTheClockOnAreNotCompleteYet() {
        JsonNode future = get(base() + "/api/customers/1042/meterreadings/summary?fromDate=2026-02-15&toDate=2026-02-16",
                "Authorization", "Bearer " + login()).json();
        assertThat(future.path("smallTotal").asLong()).isZero();
        assertThat(future.path("deviceTotal").asInt()).isZero();
    }

    @Test
    void badRangesAre400AndUnknownCustomers404() {
        String auth = "Bearer " + login();
        assertThat(get(base() + "/api/customers/1042/meterreadings/summary?fromDate=2026-02-11&toDate=2026-02-11",
                "Authorization", auth).status()).isEqualTo(400);
        assertThat(get(base() + "/api/customers/1042/meterreadings/summary?fromDate=2025-01-01&toDate=2026-02-11",
                "Authorization", auth).status()).isEqualTo(400);
        assertThat(get(base() + "/api/customers/9999/meterreadings/summary?fromDate=2026-02-10&toDate=2026-02-11",
                "Authorization", auth).status()).isEqualTo(404);
    }

    @Test
    void expiredTokensGet401AndALoginAgainWorks() {
        String token = login();
        SimHttp.fault(sim, "{\"server\":\"copyright-onestop\",\"type\":\"expire_tokens\"}");
        assertThat(get(base() + "/api/customers", "Authorization", "Bearer " + token).status()).isEqualTo(401);
        assertThat(get(base() + "/api/customers", "Authorization", "Bearer " + login()).status()).isEqualTo(200);
    }

    @Test
    void aStaleAgentAnswersZeroUntilItCatchesUp() {
        String url = base() + "/api/customers/1043/meterreadings/summary?fromDate=2026-03-06&toDate=2026-03-07";
        SimHttp.clock(sim, "2026-03-08");
        assertThat(get(url, "Authorization", "Bearer " + login()).json().path("smallTotal").asLong()).isZero();
        SimHttp.clock(sim, "2026-03-12");
        long late = get(url, "Authorization", "Bearer " + login()).json().path("smallTotal").asLong();
        assertThat(late).isPositive().isEqualTo(
                SimHttp.truth(sim, "copyright-onestop", "1043", "2026-03-06", "2026-03-07", null)
                        .path("days").get(0).path("small").asLong());
    }
}
