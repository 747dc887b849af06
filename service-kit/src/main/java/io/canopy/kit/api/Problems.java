package io.canopy.kit.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

/** Problem responses built by hand, for answers that carry extension members (e.g. a failure kind). */
public final class Problems {

    private Problems() {
    }

    /** A problem+json response whose body is the RFC 9457 members plus {@code extensions}. */
    public static Response response(int status, String title, String detail, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.putAll(extensions);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
