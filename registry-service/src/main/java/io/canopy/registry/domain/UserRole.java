package io.canopy.registry.domain;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a dealer's person may do: an admin changes things, a viewer only reads. Carried in the dealer
 * JWT as {@link #CLAIM}; a token without it (an API-key token, or one minted before users existed)
 * acts as an admin, so integrations keep the rights they had.
 */
public enum UserRole {
    ADMIN("admin"),
    VIEWER("viewer");

    /** The JWT claim naming the role: {@code admin} or {@code viewer}. */
    public static final String CLAIM = "canopy_role";

    private final String wireName;

    UserRole(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<UserRole> fromWire(String value) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(value)).findFirst();
    }

    /** The role a token's claim grants; absent means admin (API-key tokens), anything unknown is refused as viewer. */
    public static UserRole ofClaim(String claim) {
        if (claim == null) {
            return ADMIN;
        }
        return fromWire(claim.replace("\"", "")).orElse(VIEWER);
    }
}
