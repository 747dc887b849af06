package io.canopy.metering.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.canopy.kit.api.ProblemException;
import io.canopy.kit.security.CurrentDealer;
import io.canopy.metering.persistence.LedgerQueries;

/** The devices of a feed with the counts PrintReleaf keeps, and nothing more (DESIGN.md rule 9). */
@Path("/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(CurrentDealer.ROLE)
public class DeviceResource {

    @Inject
    LedgerQueries ledger;

    @Inject
    CurrentDealer dealer;

    public record Device(@JsonProperty("device_id") String deviceId, boolean managed,
            @JsonProperty("InitialCount") long initialCount, @JsonProperty("LatestCount") long latestCount,
            @JsonProperty("LifeCount") long lifeCount, @JsonProperty("last_reading_time") Instant lastReadingTime) {
    }

    public record Devices(@JsonProperty("feed_id") UUID feedId, List<Device> data) {
    }

    @GET
    public Devices list(@QueryParam("feed_id") String feedId) {
        UUID feed = QueryParams.uuid("feed_id", feedId);
        if (feed == null) {
            throw ProblemException.badRequest("feed_id", "feed_id is required");
        }
        if (!ledger.feedKnown(dealer.id(), feed)) {
            throw ProblemException.notFound("feed", feed);
        }
        return new Devices(feed, ledger.devices(dealer.id(), feed).stream()
                .map(d -> new Device(d.deviceId(), d.managed(), d.initialCount(), d.latestCount(), d.lifeCount(),
                        d.lastReadingTime()))
                .toList());
    }
}
