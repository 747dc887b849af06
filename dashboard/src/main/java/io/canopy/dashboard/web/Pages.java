package io.canopy.dashboard.web;

import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.canopy.dashboard.session.Session;

/**
 * What every page handler needs about the request: the signed-in person (or a redirect to the
 * sign-in page) and the CSRF check of a submitted form.
 */
@RequestScoped
public class Pages {

    @Inject
    HttpHeaders headers;

    @Inject
    UriInfo uri;

    @Inject
    SessionCookies cookies;

    private Optional<Session> session;

    /** The signed-in person; otherwise {@link SignInRequired} (a redirect to /login that comes back here). */
    public Session session() {
        if (session == null) {
            var cookie = headers.getCookies().get(SessionCookies.SESSION);
            session = cookies.open(cookie == null ? null : cookie.getValue());
        }
        return session.orElseThrow(() -> new SignInRequired(uri.getRequestUri().getRawPath()));
    }

    public Optional<Session> optionalSession() {
        try {
            return Optional.of(session());
        } catch (SignInRequired e) {
            return Optional.empty();
        }
    }

    /** The session of a form post, whose {@code _csrf} must be this session's form token. */
    public Session formSession(String csrf) {
        Session current = session();
        if (!constantTimeEquals(current.formToken(), csrf)) {
            throw new FormRejected();
        }
        return current;
    }

    /** An admin's form post; a viewer gets the "not allowed" page. */
    public Session adminFormSession(String csrf) {
        Session current = formSession(csrf);
        if (!current.isAdmin()) {
            throw new io.canopy.dashboard.client.ServiceProblem(403, "your role (viewer) may look but not change anything");
        }
        return current;
    }

    /** A submitted form field, trimmed; "" when absent (a password is taken as typed: use {@link #raw}). */
    public static String field(jakarta.ws.rs.core.MultivaluedMap<String, String> form, String name) {
        return raw(form, name).trim();
    }

    /** A submitted form field exactly as typed; "" when absent. */
    public static String raw(jakarta.ws.rs.core.MultivaluedMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null ? "" : value;
    }

    public static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    static boolean constantTimeEquals(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** No valid session: the page redirects to the sign-in page, which returns to {@code next}. */
    public static class SignInRequired extends RuntimeException {
        final String next;

        SignInRequired(String next) {
            super("sign in required", null, false, false);
            this.next = next;
        }
    }

    /** A form without this session's token (a cross-site post, or a page left open across sessions). */
    public static class FormRejected extends RuntimeException {
        FormRejected() {
            super("the form was not sent by this session's page", null, false, false);
        }
    }
}
