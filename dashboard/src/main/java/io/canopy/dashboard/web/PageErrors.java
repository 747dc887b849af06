package io.canopy.dashboard.web;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.canopy.dashboard.client.ServiceProblem;
import io.quarkus.qute.Template;

/**
 * Errors as pages a person can act on: no session or an expired token goes to the sign-in page
 * (and back afterwards), another dealer's id or an unknown one is a plain "not found" page, a
 * refused form says why. Never a stack trace, never a service's raw answer.
 */
public class PageErrors {

    @Inject
    Template error;

    @Inject
    SessionCookies cookies;

    @Inject
    Pages pages;

    @ServerExceptionMapper
    public Response signIn(Pages.SignInRequired e, HttpHeaders request) {
        return redirect(request, "/login?next=" + URLEncoder.encode(e.next, StandardCharsets.UTF_8)).build();
    }

    @ServerExceptionMapper
    public Response formRejected(Pages.FormRejected e) {
        return page(403, "This form has expired", "The page was open from an earlier sign-in, or the form did not come "
                + "from this dashboard. Go back, reload the page and try again.");
    }

    @ServerExceptionMapper
    public Response serviceProblem(ServiceProblem e, HttpHeaders request) {
        return switch (e.status()) {
            case 401 -> redirect(request, "/login?expired=true")
                    .cookie(cookies.expired(SessionCookies.SESSION)).build();
            case 404 -> page(404, "Not found", "There is nothing here, or it belongs to another dealer.");
            case 403 -> page(403, "Not allowed", e.getMessage());
            default -> page(e.status() >= 500 ? 502 : e.status(), "Something went wrong", e.getMessage());
        };
    }

    /**
     * A 303 for the browser; for a request htmx makes in the background (a vendor's fields swapping in)
     * an {@code HX-Redirect}, so the whole page goes to the sign-in form instead of a sign-in form being
     * swapped into a corner of the old page, or nothing happening at all.
     */
    private static Response.ResponseBuilder redirect(HttpHeaders request, String location) {
        if ("true".equals(request.getHeaderString("HX-Request"))) {
            return Response.ok().header("HX-Redirect", location);
        }
        return Response.seeOther(URI.create(location));
    }

    private Response page(int status, String title, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(error.data("title", title).data("message", message)
                        .data("session", pages.optionalSession().orElse(null)).render())
                .build();
    }
}
