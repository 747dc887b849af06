package io.canopy.collector.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** RFC 9457 problem+json answers; client input never produces a 500. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(int status, String title, String detail, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.putAll(extra);
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequest e) {
        return response(400, "Invalid request", e.getMessage(), Map.of("field", e.field()));
    }

    @ServerExceptionMapper
    public Response unreadable(com.fasterxml.jackson.core.JacksonException e) {
        return response(400, "Malformed JSON", "the body is not valid JSON for this request", Map.of("field", "body"));
    }

    @ServerExceptionMapper
    public Response unreadableBody(jakarta.ws.rs.BadRequestException e) {
        return response(400, "Invalid request", "the request body cannot be read", Map.of("field", "body"));
    }
}
