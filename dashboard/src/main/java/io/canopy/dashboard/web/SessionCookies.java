package io.canopy.dashboard.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;

import io.canopy.dashboard.config.DashboardConfig;
import io.canopy.dashboard.session.Session;
import io.canopy.dashboard.session.SessionSeal;

/**
 * The two cookies: {@value #SESSION} (the sealed {@link Session}) and {@value #SIGN_IN_FORM} (the
 * form token of the sign-in page, before there is a session: a double-submit CSRF check). Both
 * HttpOnly, SameSite=Strict, Secure unless {@code canopy.dashboard.secure-cookies=false} (local runs).
 */
@ApplicationScoped
public class SessionCookies {

    public static final String SESSION = "canopy_session";
    public static final String SIGN_IN_FORM = "canopy_sign_in";

    @Inject
    DashboardConfig config;

    private SessionSeal seal;

    @PostConstruct
    void init() {
        byte[] key = config.sessionKey().map(value -> Base64.getDecoder().decode(value.trim()))
                .orElseGet(() -> {
                    byte[] random = new byte[32];
                    new java.security.SecureRandom().nextBytes(random);
                    return random;
                });
        seal = new SessionSeal(key);
    }

    public Optional<Session> open(String cookie) {
        return seal.open(cookie, Instant.now());
    }

    public Session newSession(String token, String email, String role, Instant expiresAt) {
        return new Session(token, email, role, seal.randomToken(), expiresAt);
    }

    public NewCookie sessionCookie(Session session) {
        long seconds = Math.max(0, Duration.between(Instant.now(), session.expiresAt()).getSeconds());
        return cookie(SESSION, seal.seal(session), (int) Math.min(Integer.MAX_VALUE, seconds));
    }

    public NewCookie signInFormCookie(String formToken) {
        return cookie(SIGN_IN_FORM, formToken, 3600);
    }

    public String randomToken() {
        return seal.randomToken();
    }

    public NewCookie expired(String name) {
        return cookie(name, "", 0);
    }

    private NewCookie cookie(String name, String value, int maxAge) {
        return new NewCookie.Builder(name).value(value).path("/").maxAge(maxAge).httpOnly(true)
                .secure(config.secureCookies()).sameSite(NewCookie.SameSite.STRICT).build();
    }
}
