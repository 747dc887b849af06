package io.canopy.metering.api;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.canopy.kit.api.Page;
import io.canopy.kit.api.ProblemException;
import io.canopy.kit.api.QueryParameters;
import io.canopy.kit.security.CurrentDealer;
import io.canopy.metering.persistence.LedgerQueries;

/**
 * The devices of a feed with the counts PrintReleaf keeps, and nothing more (DESIGN.md rule 9).
 * Paged like every list: a fleet can hold thousands of devices.
 */
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

    /** {@code ?feed_id=} (required), {@code ?page=1&per_page=50}. */
    @GET
    public Page<Device> list(@QueryParam("feed_id") String feedId, @QueryParam("page") Integer page,
            @QueryParam("per_page") Integer perPage) {
        Page.Request paging = Page.request(page, perPage);
        UUID feed = QueryParameters.requiredUuid("feed_id", feedId);
        if (!ledger.feedKnown(dealer.id(), feed)) {
            throw ProblemException.notFound("feed", feed);
        }
        LedgerQueries.DevicePage found = ledger.devices(dealer.id(), feed, paging.offset(), paging.perPage());
        return paging.of(found.devices().stream()
                .map(d -> new Device(d.deviceId(), d.managed(), d.initialCount(), d.latestCount(), d.lifeCount(),
                        d.lastReadingTime()))
                .toList(), found.total());
    }
}
