package io.canopy.kit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.canopy.contracts.events.DepositKind;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.kit.api.Page;
import io.canopy.kit.api.ProblemException;
import io.canopy.kit.inbox.ConsumedMessages;
import io.canopy.kit.outbox.Outbox;
import io.canopy.kit.security.CurrentDealer;

/** A tiny service built on the kit, so its tests exercise it the way a real service does. */
@Path("/")
public class KitTestResource {

    public static final String TOPIC = "kit.test.deposits";

    @Inject
    Outbox outbox;

    @Inject
    ConsumedMessages consumed;

    @Inject
    CurrentDealer dealer;

    public record Deposit(@NotNull UUID depositId, @NotNull UUID accountId, @Min(1) long pages) {
    }

    public record Account(@NotBlank String name, @NotNull String timeZone) {
    }

    static DepositRecorded event(Deposit deposit) {
        return new DepositRecorded(deposit.depositId(), UUID.fromString("00000000-0000-4000-8000-000000000001"),
                deposit.accountId(), UUID.randomUUID(), LocalDate.of(2026, 2, 12), deposit.pages(), deposit.pages(),
                DepositKind.REGULAR, UUID.randomUUID(), LocalDate.of(2026, 2, 13), Instant.parse("2026-02-13T02:00:00Z"));
    }

    @POST
    @Path("deposits")
    @Transactional
    public Map<String, Boolean> deposit(@Valid Deposit deposit, @QueryParam("fail") boolean fail) {
        boolean added = outbox.append(event(deposit), TOPIC);
        if (fail) {
            throw ProblemException.conflict("rolled back on request");
        }
        return Map.of("added", added);
    }

    @POST
    @Path("deposits/without-transaction")
    public Map<String, Boolean> depositWithoutTransaction(Deposit deposit) {
        return Map.of("added", outbox.append(event(deposit), TOPIC));
    }

    @POST
    @Path("consumed/{id}")
    @Transactional
    public Map<String, Boolean> consume(@PathParam("id") String id) {
        return Map.of("first", consumed.firstTime("kit.test", id));
    }

    @POST
    @Path("accounts")
    public Account account(@Valid Account account) {
        return account;
    }

    @GET
    @Path("things")
    public Page<String> things(@QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage) {
        Page.Request request = Page.request(page, perPage);
        return request.of(java.util.List.of("a", "b"), 7);
    }

    @GET
    @Path("things/{id}")
    public Map<String, Object> thing(@PathParam("id") UUID id, @QueryParam("since") LocalDate since,
            @QueryParam("kind") DepositKind kind) {
        return Map.of("id", id, "since", String.valueOf(since), "kind", String.valueOf(kind));
    }

    @GET
    @Path("admin/v1/ping")
    public Map<String, String> adminPing() {
        return Map.of("pong", "admin");
    }

    @GET
    @Path("v1/me")
    @RolesAllowed(CurrentDealer.ROLE)
    public Map<String, UUID> me() {
        return Map.of("dealer_id", dealer.id());
    }
}
