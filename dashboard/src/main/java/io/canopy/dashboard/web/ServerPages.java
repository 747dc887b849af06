package io.canopy.dashboard.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.vendors.VendorDescriptor;
import io.canopy.dashboard.client.CanopyApi;
import io.canopy.dashboard.client.CanopyApi.Service;
import io.canopy.dashboard.client.ServiceProblem;
import io.canopy.dashboard.session.Session;
import io.quarkus.qute.Template;

/**
 * Servers: the list with health, registering one (the form shows exactly the chosen vendor's
 * credential fields; the vendor check runs on submit and a refusal is shown inline), and a
 * server's page with its feeds and the "add a customer feed" form.
 */
@Path("/servers")
@Produces(MediaType.TEXT_HTML)
public class ServerPages {

    @Inject
    Template servers;

    @Inject
    Template serverNew;

    @Inject
    Template server;

    @Inject
    CanopyApi api;

    @Inject
    Pages pages;

    @GET
    public String list() {
        Session session = pages.session();
        List<Map<String, Object>> rows = api.list(Service.REGISTRY, "/v1/servers?per_page=100", session.token());
        return servers.data("session", session).data("servers", withVendorNames(rows)).render();
    }

    @GET
    @Path("new")
    public String form(@QueryParam("type") String type) {
        Session session = pages.session();
        return renderForm(session, vendorOrNull(type), Map.of(), null);
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response register(MultivaluedMap<String, String> form) {
        Session session = pages.adminFormSession(form.getFirst("_csrf"));
        VendorDescriptor vendor = vendorOrNull(form.getFirst("type"));
        if (vendor == null) {
            return Response.status(400).entity(renderForm(session, null, Map.of(), "Choose the vendor first.")).build();
        }
        Map<String, String> credentials = new LinkedHashMap<>();
        for (VendorDescriptor.CredentialField field : vendor.credentials()) {
            credentials.put(field.name(), Pages.field(form, "credential_" + field.name()));
        }
        Map<String, Object> body = new HashMap<>();
        body.put("type", vendor.type().wireName());
        String url = Pages.field(form, "url");
        if (!url.isEmpty()) {
            body.put("url", url);
        }
        String contact = Pages.field(form, "contact");
        if (!contact.isEmpty()) {
            body.put("contact", contact);
        }
        body.put("credentials", credentials);
        try {
            Map<String, Object> created = api.post(Service.REGISTRY, "/v1/servers", session.token(), body);
            return Pages.seeOther("/servers/" + created.get("id") + "?registered=true");
        } catch (ServiceProblem refused) {
            if (refused.status() == 401 || refused.status() == 404) {
                throw refused;
            }
            // Shown inline with what was typed, except the secrets: those are never sent back to the browser.
            Map<String, String> kept = Map.of("url", url, "contact", contact);
            return Response.status(refused.status() >= 500 ? 502 : 422)
                    .entity(renderForm(session, vendor, kept, refused.getMessage())).build();
        }
    }

    @GET
    @Path("{id}")
    public String show(@PathParam("id") String id, @QueryParam("registered") boolean registered) {
        Session session = pages.session();
        String serverId = Ids.uuid(id);
        Map<String, Object> found = api.object(Service.REGISTRY, "/v1/servers/" + serverId, session.token());
        VendorDescriptor vendor = VendorDescriptor.of(VendorType.fromWireName((String) found.get("type")));
        List<Map<String, Object>> feeds = api.list(Service.REGISTRY, "/v1/feeds?server_id=" + serverId + "&per_page=100",
                session.token());
        List<Map<String, Object>> accounts = api.list(Service.REGISTRY, "/v1/accounts?per_page=100", session.token());
        return server.data("session", session).data("server", found).data("vendor", vendor).data("feeds", feeds)
                .data("accounts", accounts).data("registered", registered).render();
    }

    private String renderForm(Session session, VendorDescriptor vendor, Map<String, String> kept, String error) {
        return serverNew.data("session", session).data("vendors", VendorDescriptor.all()).data("vendor", vendor)
                .data("url", kept.getOrDefault("url", "")).data("contact", kept.getOrDefault("contact", ""))
                .data("error", error).render();
    }

    private static List<Map<String, Object>> withVendorNames(List<Map<String, Object>> rows) {
        List<Map<String, Object>> named = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> copy = new HashMap<>(row);
            try {
                copy.put("vendor_name", VendorDescriptor.of(VendorType.fromWireName((String) row.get("type"))).displayName());
            } catch (IllegalArgumentException e) {
                copy.put("vendor_name", row.get("type"));
            }
            named.add(copy);
        }
        return named;
    }

    private static VendorDescriptor vendorOrNull(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return VendorDescriptor.of(VendorType.fromWireName(type));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
