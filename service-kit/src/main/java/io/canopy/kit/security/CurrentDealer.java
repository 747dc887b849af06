package io.canopy.kit.security;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.canopy.kit.api.ProblemException;

/**
 * The dealer a {@code /v1} request acts for, from the verified JWT's {@code dealer_id} claim
 * (DESIGN.md rule 11). Every repository query of a dealer-facing endpoint filters by it, so a
 * dealer never reads or changes another dealer's data; another dealer's id is a plain 404.
 * Resources still declare {@code @RolesAllowed("dealer")} (or {@code @Authenticated}) so an
 * absent or invalid token is refused before any code runs.
 */
@RequestScoped
public class CurrentDealer {

    public static final String CLAIM = "dealer_id";
    public static final String ROLE = "dealer";

    @Inject
    Instance<JsonWebToken> token;

    public UUID id() {
        if (!token.isResolvable()) {
            throw new IllegalStateException("CurrentDealer needs quarkus-smallrye-jwt in this service");
        }
        Object claim = token.get().getClaim(CLAIM);
        if (claim == null) {
            throw new ProblemException(401, "Unauthorized", "the token carries no dealer");
        }
        try {
            return UUID.fromString(claim.toString().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(401, "Unauthorized", "the token's dealer is not a valid id");
        }
    }
}
