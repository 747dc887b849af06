package io.canopy.dashboard.web;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.canopy.dashboard.client.CanopyApi;
import io.canopy.dashboard.client.CanopyApi.Service;
import io.canopy.dashboard.client.ServiceProblem;
import io.canopy.dashboard.session.Session;
import io.quarkus.qute.Template;

/**
 * Settings: the dealer's API keys (create with the signed-in person's password as the step-up proof,
 * shown once; revoke) and users (invite, with the invitation shown once; remove).
 */
@Path("/settings")
@Produces(MediaType.TEXT_HTML)
public class SettingsPage {

    @Inject
    Template settings;

    @Inject
    CanopyApi api;

    @Inject
    Pages pages;

    @GET
    public String show() {
        return render(pages.session(), null, null, null);
    }

    @POST
    @Path("api-keys")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createKey(MultivaluedMap<String, String> form) {
        Session session = pages.adminFormSession(form.getFirst("_csrf"));
        String label = Pages.field(form, "label");
        String password = Pages.raw(form, "password");
        try {
            Map<String, Object> created = api.post(Service.REGISTRY, "/v1/api-keys", session.token(),
                    Map.of("label", label, "password", password));
            // Shown once, on this answer only: registry keeps only its hash. The password is never rendered.
            return Response.ok(render(session, null, null, Map.of("label", label, "key", String.valueOf(created.get("key")))))
                    .build();
        } catch (ServiceProblem refused) {
            if (refused.status() == 401) {
                throw refused;
            }
            String reason = switch (refused.status()) {
                case 403 -> "Your password is not correct: no key was created.";
                case 429 -> "Too many wrong passwords: try again in a few minutes.";
                default -> refused.getMessage();
            };
            return Response.status(422).entity(render(session, null, reason, null)).build();
        }
    }

    @POST
    @Path("users")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response invite(MultivaluedMap<String, String> form) {
        Session session = pages.adminFormSession(form.getFirst("_csrf"));
        String email = Pages.field(form, "email");
        String role = "admin".equals(form.getFirst("role")) ? "admin" : "viewer";
        try {
            Map<String, Object> invited = api.post(Service.REGISTRY, "/v1/users", session.token(),
                    Map.of("email", email, "role", role));
            // Shown once, on this answer only: registry keeps only its hash.
            return Response.ok(render(session, Map.of("email", email, "role", role, "token",
                    String.valueOf(invited.get("invitation_token"))), null, null)).build();
        } catch (ServiceProblem refused) {
            if (refused.status() == 401) {
                throw refused;
            }
            return Response.status(422).entity(render(session, null, refused.getMessage(), null)).build();
        }
    }

    @POST
    @Path("users/{id}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        Session session = pages.adminFormSession(form.getFirst("_csrf"));
        api.delete(Service.REGISTRY, "/v1/users/" + Ids.uuid(id), session.token());
        return Pages.seeOther("/settings");
    }

    @POST
    @Path("api-keys/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        Session session = pages.adminFormSession(form.getFirst("_csrf"));
        api.delete(Service.REGISTRY, "/v1/api-keys/" + Ids.uuid(id), session.token());
        return Pages.seeOther("/settings");
    }

    private String render(Session session, Map<String, String> invitation, String error, Map<String, String> newKey) {
        List<Map<String, Object>> keys = api.list(Service.REGISTRY, "/v1/api-keys", session.token());
        List<Map<String, Object>> users = api.list(Service.REGISTRY, "/v1/users", session.token());
        return settings.data("session", session).data("keys", keys).data("users", users).data("invitation", invitation)
                .data("newKey", newKey).data("error", error).render();
    }
}
