package io.canopy.dashboard.session;

import java.time.Instant;

/**
 * A signed-in person, as the dashboard's sealed cookie carries it: the token registry issued at
 * sign-in (the services check it on every call; the dashboard only passes it on), who it is for,
 * and the form token every POST must echo (CSRF).
 *
 * @param token     registry's JWT for this user
 * @param email     shown in the header
 * @param role      {@code admin} or {@code viewer}: the pages hide what a viewer may not do (the
 *                  services refuse it anyway)
 * @param formToken the value each form carries in {@code _csrf}
 * @param expiresAt when the token expires; the session ends with it
 */
public record Session(String token, String email, String role, String formToken, Instant expiresAt) {

    public boolean isAdmin() {
        return "admin".equals(role);
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
