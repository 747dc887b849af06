package io.canopy.registry.api;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.canopy.registry.api.Views.SignInView;
import io.canopy.registry.api.Views.SignedInUserView;
import io.canopy.registry.api.Views.TokenView;
import io.canopy.registry.api.Views.UserView;
import io.canopy.registry.domain.UserRole;
import io.canopy.registry.persistence.DealerUserEntity;
import io.canopy.registry.service.DealerService;
import io.canopy.registry.service.TokenIssuer;
import io.canopy.registry.service.UserService;

/**
 * The unauthenticated doors to a dealer JWT: an API key ({@code /token}, for integrations) or a
 * user's email and password ({@code /login}, for people), plus accepting an invitation. Either way the
 * answer is a short-lived RS256 JWT (iss canopy-registry, {@code dealer_id} = the dealer, groups
 * [dealer], {@code canopy_role} admin | viewer) that every service verifies with the public key alone,
 * so no service calls registry per request.
 */
@Path("/v1/auth")
@Tag(name = "auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    DealerService dealers;

    @Inject
    UserService users;

    @Inject
    TokenIssuer tokens;

    @POST
    @Path("/token")
    @Operation(summary = "Exchange an API key for a JWT",
            description = "Send `{\"api_key\": \"ck_...\"}`; use the answer's `access_token` as `Authorization: Bearer` on /v1. "
                    + "An API-key token has admin rights (`canopy_role` admin).")
    public TokenView token(@Valid @NotNull Requests.TokenRequest body) {
        TokenIssuer.IssuedToken issued = tokens.issue(dealers.authenticate(body.apiKey()));
        return new TokenView(issued.token(), "Bearer", issued.expiresInSeconds(), issued.expiresAt());
    }

    @POST
    @Path("/login")
    @Operation(summary = "Sign in with email and password",
            description = "The same token as /v1/auth/token, with `sub` = the user and `canopy_role` = the user's role, "
                    + "plus who signed in. A wrong email or password gets one and the same 401. After 5 wrong passwords "
                    + "in a row an email is locked for 15 minutes: 429 with Retry-After, even for the right password.")
    @APIResponse(responseCode = "200", description = "signed in")
    @APIResponse(responseCode = "401", description = "the email or the password is not correct")
    @APIResponse(responseCode = "429", description = "too many wrong passwords for this email; see Retry-After")
    public SignInView login(@Valid @NotNull Requests.SignIn body) {
        DealerUserEntity user = users.signIn(body.email(), body.password()).user();
        UserRole role = UserRole.fromWire(user.role).orElseThrow();
        TokenIssuer.IssuedToken issued = tokens.issueForUser(user.dealerId, user.id, role);
        return new SignInView(issued.token(), "Bearer", issued.expiresInSeconds(), issued.expiresAt(),
                new SignedInUserView(user.id, user.dealerId, user.email, user.role));
    }

    @POST
    @Path("/invitations/accept")
    @Operation(summary = "Accept an invitation and set your password",
            description = "The token works once and until it expires (7 days); then sign in with /v1/auth/login.")
    @APIResponse(responseCode = "200", description = "the user, now active")
    @APIResponse(responseCode = "400", description = "the token is unknown, used or expired, or the password too short")
    public UserView acceptInvitation(@Valid @NotNull Requests.AcceptInvitation body) {
        return UserView.of(users.acceptInvitation(body.invitationToken(), body.password()));
    }
}
