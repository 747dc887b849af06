package io.canopy.dashboard.web;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
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

import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.vendors.VendorDescriptor;
import io.canopy.dashboard.client.CanopyApi;
import io.canopy.dashboard.client.CanopyApi.Service;
import io.canopy.dashboard.client.ServiceProblem;
import io.canopy.dashboard.session.Session;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * Customer feeds: adding one from a server's page (the customer dropdown comes from the vendor),
 * the list with health, and a feed's page (health, history, collect again, activate / deactivate).
 */
@Path("/feeds")
@Produces(MediaType.TEXT_HTML)
public class FeedPages {

    @Inject
    Template feedNew;

    @Inject
    Template feeds;

    @Inject
    Template feed;

    @Inject
    CanopyApi api;

    @Inject
    Pages pages;

    /** The "add a customer feed" form of one server ({@code ?server_id=}), linked from the server's page. */
    @GET
    @Path("new")
    public String form(@jakarta.ws.rs.QueryParam("server_id") String id) {
        Session session = pages.session();
        return renderForm(session, Ids.uuid(id), Map.of(), null);
    }

    @POST
    @Path("new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(MultivaluedMap<String, String> form) {
        Session session = pages.adminFormSession(form.getFirst("_csrf"));
        String serverId = Ids.uuid(form.getFirst("server_id"));
        Map<String, String> kept = new HashMap<>();
        for (String name : List.of("external_id", "account_id", "new_account", "new_account_zone", "activation_date",
                "collection_scope")) {
            kept.put(name, Pages.field(form, name));
        }
        try {
            String accountId = kept.get("account_id");
            if (accountId.isEmpty() || accountId.equals("new")) {
                if (kept.get("new_account").isEmpty()) {
                    return Response.status(422).entity(renderForm(session, serverId, kept,
                            "Choose an account, or name the new one.")).build();
                }
                // The account's zone decides each reading's business day (DESIGN "Domain arithmetic"):
                // the dealer's customer's zone, UTC unless chosen. Registry refuses an unknown zone.
                String zone = kept.get("new_account_zone").isEmpty() ? "UTC" : kept.get("new_account_zone");
                accountId = (String) api.post(Service.REGISTRY, "/v1/accounts", session.token(),
                        Map.of("name", kept.get("new_account"), "time_zone", zone)).get("id");
                kept.put("account_id", accountId);
                kept.put("new_account", "");
            }
            Map<String, Object> body = new HashMap<>();
            body.put("server_id", serverId);
            body.put("account_id", accountId);
            body.put("external_id", kept.get("external_id"));
            if (!kept.get("activation_date").isEmpty()) {
                body.put("activation_date", LocalDate.parse(kept.get("activation_date")).toString());
            }
            if (!kept.get("collection_scope").isEmpty()) {
                body.put("collection_scope", kept.get("collection_scope"));
            }
            Map<String, Object> created = api.post(Service.REGISTRY, "/v1/feeds", session.token(), body);
            return Pages.seeOther("/feeds/" + created.get("id") + "?created=true");
        } catch (DateTimeParseException e) {
            return Response.status(422).entity(renderForm(session, serverId, kept, "The activation date is not a date."))
                    .build();
        } catch (ServiceProblem refused) {
            if (refused.status() == 401 || refused.status() == 404) {
                throw refused;
            }
            return Response.status(refused.status() >= 500 ? 502 : 422)
                    .entity(renderForm(session, serverId, kept, refused.getMessage())).build();
        }
    }

    @GET
    public String list() {
        Session session = pages.session();
        List<Map<String, Object>> rows = api.list(Service.REGISTRY, "/v1/feeds?per_page=100", session.token());
        return feeds.data("session", session).data("feeds", rows).render();
    }

    @GET
    @Path("{id}")
    public String show(@PathParam("id") String id, @jakarta.ws.rs.QueryParam("created") boolean created,
            @jakarta.ws.rs.QueryParam("collecting") boolean collecting) {
        Session session = pages.session();
        String feedId = Ids.uuid(id);
        Map<String, Object> found = api.object(Service.REGISTRY, "/v1/feeds/" + feedId, session.token());
        Map<String, Object> health = optional(() -> api.object(Service.HEALTH, "/v1/health/feeds/" + feedId, session.token()));
        List<Map<String, Object>> history = optionalList(
                () -> api.list(Service.HEALTH, "/v1/health/feeds/" + feedId + "/history", session.token()));
        return feed.data("session", session).data("feed", found).data("health", health).data("history", history)
                .data("created", created).data("collecting", collecting).render();
    }

    @POST
    @Path("{id}/collect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response collectAgain(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        Session session = pages.adminFormSession(form.getFirst("_csrf"));
        String feedId = Ids.uuid(id);
        Map<String, Object> window = new HashMap<>();
        putDate(window, "from", form.getFirst("from"));
        putDate(window, "to", form.getFirst("to"));
        api.post(Service.REGISTRY, "/v1/feeds/" + feedId + "/collect", session.token(), window);
        return Pages.seeOther("/feeds/" + feedId + "?collecting=true");
    }

    @POST
    @Path("{id}/{change: activate|deactivate}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response activation(@PathParam("id") String id, @PathParam("change") String change,
            MultivaluedMap<String, String> form) {
        Session session = pages.adminFormSession(form.getFirst("_csrf"));
        String feedId = Ids.uuid(id);
        api.post(Service.REGISTRY, "/v1/feeds/" + feedId + "/" + change, session.token(), Map.of());
        return Pages.seeOther("/feeds/" + feedId);
    }

    /** Every IANA zone the JVM knows, sorted, for a new account's time zone. */
    private static final List<String> ZONES = java.time.ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/") || z.equals("UTC")).sorted().toList();

    private String renderForm(Session session, String serverId, Map<String, String> kept, String error) {
        Map<String, Object> server = api.object(Service.REGISTRY, "/v1/servers/" + serverId, session.token());
        VendorDescriptor vendor = VendorDescriptor.of(VendorType.fromWireName((String) server.get("type")));
        List<Map<String, Object>> customers = List.of();
        String customersError = null;
        try {
            if (vendor.discoversCustomers()) { // otherwise the dealer types the id (the template says its format)
                customers = api.list(Service.REGISTRY, "/v1/servers/" + serverId + "/customers", session.token());
            }
        } catch (ServiceProblem e) {
            if (e.status() == 401) {
                throw e;
            }
            customersError = e.getMessage();
        }
        List<Map<String, Object>> accounts = api.list(Service.REGISTRY, "/v1/accounts?per_page=100", session.token());
        return form(feedNew, session, server, vendor, customers, customersError, accounts, kept, error,
                LocalDate.now(ZoneOffset.UTC)).render();
    }

    /** Everything the feed form shows, in one place (the page and the form's template test fill it the same way). */
    static TemplateInstance form(Template feedNew, Session session, Map<String, Object> server, VendorDescriptor vendor,
            List<Map<String, Object>> customers, String customersError, List<Map<String, Object>> accounts,
            Map<String, String> kept, String error, LocalDate today) {
        String zone = kept.getOrDefault("new_account_zone", "");
        return feedNew.data("session", session).data("server", server).data("vendor", vendor).data("customers", customers)
                .data("customersError", customersError).data("accounts", accounts).data("kept", kept)
                .data("zones", ZONES).data("zone", zone.isEmpty() ? "UTC" : zone).data("today", today.toString())
                .data("error", error);
    }

    private static void putDate(Map<String, Object> body, String name, String value) {
        if (value != null && !value.isBlank()) {
            try {
                body.put(name, LocalDate.parse(value.trim()).toString());
            } catch (DateTimeParseException e) {
                throw new ServiceProblem(400, "'" + name + "' is not a date (YYYY-MM-DD)");
            }
        }
    }

    private static Map<String, Object> optional(java.util.function.Supplier<Map<String, Object>> call) {
        try {
            return call.get();
        } catch (ServiceProblem e) {
            if (e.status() == 401) {
                throw e;
            }
            return null; // not evaluated yet (a new feed): the page says so
        }
    }

    private static List<Map<String, Object>> optionalList(java.util.function.Supplier<List<Map<String, Object>>> call) {
        try {
            return call.get();
        } catch (ServiceProblem e) {
            if (e.status() == 401) {
                throw e;
            }
            return List.of();
        }
    }
}
