package io.canopy.registry.api;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.canopy.kit.security.CurrentDealer;
import io.canopy.registry.api.Views.InvitationView;
import io.canopy.registry.api.Views.UserView;
import io.canopy.registry.service.DealerService;
import io.canopy.registry.service.UserService;

/**
 * The dealer's people: admins (or an API-key token) invite and remove users; everyone lists them.
 * A viewer's POST and DELETE are refused before this runs ({@link ViewerIsReadOnly}).
 */
@Path("/v1/users")
@Tag(name = "users")
@RolesAllowed(CurrentDealer.ROLE)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    UserService users;

    @Inject
    CurrentDealer dealer;

    @GET
    @Operation(summary = "List your dealer's users (no passwords, no tokens)")
    public List<UserView> list() {
        return users.list(dealer.id()).stream().map(UserView::of).toList();
    }

    @POST
    @Operation(summary = "Invite a user", description = "`invitation_token` is in this answer only (registry keeps its hash); "
            + "hand it to the invitee, who sets a password with POST /v1/auth/invitations/accept within 7 days.")
    @APIResponse(responseCode = "201", description = "invited; the token is in this answer only")
    @APIResponse(responseCode = "409", description = "a user with this email already exists")
    public Response invite(@Valid @NotNull Requests.InviteUser body) {
        UUID dealerId = dealer.id();
        DealerService.requireKnown(dealerId);
        UserService.Invited invited = users.invite(dealerId, body.email(), body.role());
        UserView user = UserView.of(invited.user());
        return Response.status(201).entity(new InvitationView(user.id(), user.email(), user.role(), user.status(),
                user.createdAt(), invited.plaintextToken(), user.invitationExpiresAt())).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove a user", description = "Tokens already issued to them expire on their own (15 min). "
            + "The dealer's last admin cannot be removed.")
    @APIResponse(responseCode = "204", description = "removed")
    @APIResponse(responseCode = "409", description = "the dealer's last admin")
    public Response delete(@PathParam("id") UUID id) {
        users.delete(dealer.id(), id);
        return Response.noContent().build();
    }
}
