package io.canopy.dashboard.web;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.canopy.dashboard.client.CanopyApi;
import io.canopy.dashboard.client.CanopyApi.Service;
import io.canopy.dashboard.session.Session;
import io.quarkus.qute.Template;

/** Certificates per month; the PDF and HTML documents and the verification, fetched with the user's token. */
@Path("/certificates")
public class CertificatePages {

    @Inject
    Template certificates;

    @Inject
    Template verification;

    @Inject
    CanopyApi api;

    @Inject
    Pages pages;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String list() {
        Session session = pages.session();
        List<Map<String, Object>> rows = api.list(Service.CERTIFICATE, "/v1/certificates?per_page=100", session.token());
        return certificates.data("session", session).data("certificates", rows).render();
    }

    @GET
    @Path("{id}.pdf")
    public Response pdf(@PathParam("id") String id) {
        return document(id, ".pdf", "application/pdf");
    }

    @GET
    @Path("{id}.html")
    public Response html(@PathParam("id") String id) {
        return document(id, ".html", MediaType.TEXT_HTML + ";charset=UTF-8");
    }

    @GET
    @Path("{id}/verify")
    @Produces(MediaType.TEXT_HTML)
    public String verify(@PathParam("id") String id) {
        Session session = pages.session();
        String certificateId = Ids.uuid(id);
        Map<String, Object> certificate = api.object(Service.CERTIFICATE, "/v1/certificates/" + certificateId, session.token());
        Map<String, Object> result = api.object(Service.CERTIFICATE, "/v1/certificates/" + certificateId + "/verify",
                session.token());
        return verification.data("session", session).data("certificate", certificate).data("result", result).render();
    }

    private Response document(String id, String suffix, String type) {
        Session session = pages.session();
        String certificateId = Ids.uuid(id);
        HttpResponse<InputStream> document = api.download(Service.CERTIFICATE, "/v1/certificates/" + certificateId + suffix,
                session.token());
        return Response.ok(document.body(), type)
                .header("Content-Disposition", (suffix.equals(".pdf") ? "attachment" : "inline")
                        + "; filename=\"canopy-certificate-" + certificateId + suffix + "\"")
                .build();
    }
}
