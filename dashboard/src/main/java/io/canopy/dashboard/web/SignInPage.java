package io.canopy.dashboard.web;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.canopy.dashboard.client.CanopyApi;
import io.canopy.dashboard.client.CanopyApi.Service;
import io.canopy.dashboard.client.ServiceProblem;
import io.canopy.dashboard.session.Session;
import io.quarkus.qute.Template;

/** Sign in with email and password (registry checks them and rate-limits wrong ones), sign out. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInPage {

    @Inject
    Template login;

    @Inject
    CanopyApi api;

    @Inject
    SessionCookies cookies;

    @Inject
    Pages pages;

    @GET
    @Path("login")
    public Response form(@QueryParam("next") String next, @QueryParam("expired") boolean expired) {
        String formToken = cookies.randomToken();
        return Response.ok(render(formToken, safeNext(next), "", expired ? "Your session ended. Sign in again." : null))
                .cookie(cookies.signInFormCookie(formToken)).build();
    }

    @POST
    @Path("login")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("email") String email, @FormParam("password") String password,
            @FormParam("next") String next, @FormParam("_csrf") String csrf, @CookieParam(SessionCookies.SIGN_IN_FORM) String expected) {
        String target = safeNext(next);
        if (!Pages.constantTimeEquals(expected, csrf)) {
            String formToken = cookies.randomToken();
            return Response.status(403).entity(render(formToken, target, email, "The sign-in form expired; try again."))
                    .cookie(cookies.signInFormCookie(formToken)).build();
        }
        try {
            Map<String, Object> answer = api.post(Service.REGISTRY, "/v1/auth/login", null,
                    Map.of("email", email == null ? "" : email, "password", password == null ? "" : password));
            Map<?, ?> user = (Map<?, ?>) answer.get("user");
            Session session = cookies.newSession((String) answer.get("access_token"), (String) user.get("email"),
                    (String) user.get("role"), Instant.parse((String) answer.get("expires_at")));
            return Response.seeOther(java.net.URI.create(target)).cookie(cookies.sessionCookie(session),
                    cookies.expired(SessionCookies.SIGN_IN_FORM)).build();
        } catch (ServiceProblem refused) {
            String formToken = cookies.randomToken();
            int status = refused.status() == 429 ? 429 : refused.status() >= 500 ? 502 : 401;
            String message = status == 401 ? "Wrong email or password." : refused.getMessage();
            return Response.status(status).entity(render(formToken, target, email, message))
                    .cookie(cookies.signInFormCookie(formToken)).build();
        }
    }

    @POST
    @Path("logout")
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signOut(@FormParam("_csrf") String csrf, @CookieParam(SessionCookies.SESSION) String cookie) {
        if (cookie != null && cookies.open(cookie).isPresent()) {
            pages.formSession(csrf); // a cross-site post cannot sign anyone out
        }
        // The token inside simply expires; the cookie that carried it is gone now.
        return Response.seeOther(java.net.URI.create("/login")).cookie(cookies.expired(SessionCookies.SESSION)).build();
    }

    private String render(String formToken, String next, String email, String message) {
        return login.data("csrf", formToken).data("next", next).data("email", email == null ? "" : email)
                .data("message", message).data("session", null).render();
    }

    /** Only a path of this site: an open redirect would turn the sign-in page into a phishing tool. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\") || next.startsWith("/login")) {
            return "/";
        }
        return next;
    }
}
