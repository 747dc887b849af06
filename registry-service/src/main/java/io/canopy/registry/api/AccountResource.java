package io.canopy.registry.api;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.canopy.kit.api.Page;
import io.canopy.kit.api.QueryParameters;
import io.canopy.kit.security.CurrentDealer;
import io.canopy.registry.api.Views.AccountView;
import io.canopy.registry.service.AccountService;
import io.canopy.registry.service.AccountService.AccountChanges;

/** The dealer's customer accounts (PrintReleaf's /accounts). Another dealer's account is a 404. */
@Path("/v1/accounts")
@Tag(name = "accounts")
@RolesAllowed(CurrentDealer.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    private static final List<String> STATUSES = List.of(io.canopy.registry.persistence.AccountEntity.ACTIVE,
            io.canopy.registry.persistence.AccountEntity.INACTIVE);

    @Inject
    AccountService accounts;

    @Inject
    CurrentDealer dealer;

    @Inject
    IdempotencyKeys idempotency;

    @GET
    @Operation(summary = "List accounts", description = "Paged: ?page=1&per_page=50; optional ?status=active|inactive")
    public Page<AccountView> list(@QueryParam("page") Integer page, @QueryParam("per_page") Integer perPage,
            @QueryParam("status") String status) {
        Page.Request paging = Page.request(page, perPage);
        String wanted = QueryParameters.oneOf("status", status, STATUSES);
        Page<io.canopy.registry.persistence.AccountEntity> found = accounts.list(dealer.id(), paging, wanted);
        return new Page<>(found.data().stream().map(AccountView::of).toList(), found.page(), found.perPage(), found.total());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an account")
    public AccountView get(@PathParam("id") UUID id) {
        return AccountView.of(accounts.get(dealer.id(), id));
    }

    @POST
    @Operation(summary = "Create an account", description = "Honours Idempotency-Key.")
    public Response create(@Valid @NotNull Requests.CreateAccount body,
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey) {
        UUID dealerId = dealer.id();
        return idempotency.once(dealerId.toString(), idempotencyKey, "POST /v1/accounts", body,
                () -> Response.status(201).entity(AccountView.of(accounts.create(dealerId,
                        new AccountChanges(body.name(), body.parentId(), body.timeZone()), body.status()))).build());
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change an account's name, parent or time zone")
    public AccountView update(@PathParam("id") UUID id, @Valid @NotNull Requests.UpdateAccount body) {
        return AccountView.of(accounts.update(dealer.id(), id,
                new AccountChanges(body.name(), body.parentId(), body.timeZone())));
    }

    @POST
    @Path("/{id}/activate")
    @Operation(summary = "Activate an account")
    public AccountView activate(@PathParam("id") UUID id) {
        return AccountView.of(accounts.setActive(dealer.id(), id, true));
    }

    @POST
    @Path("/{id}/deactivate")
    @Operation(summary = "Deactivate an account", description = "Its feeds are no longer collected.")
    public AccountView deactivate(@PathParam("id") UUID id) {
        return AccountView.of(accounts.setActive(dealer.id(), id, false));
    }
}
