package io.canopy.simulator.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * A request to a simulated vendor server, with the path below the server's base URL.
 *
 * @param headers lower-case names
 */
public record SimRequest(String method, String path, Map<String, String> query, Map<String, String> headers,
        String body) {

    public Optional<String> query(String name) {
        return Optional.ofNullable(query.get(name)).filter(v -> !v.isEmpty());
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** HTTP Basic user and password, if the request carries them. */
    public Optional<String[]> basicAuth() {
        return header("authorization").filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6)).map(h -> {
            try {
                String decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon < 0 ? new String[] { decoded, "" }
                        : new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
            } catch (IllegalArgumentException e) {
                return new String[] { "", "" };
            }
        });
    }

    public int intQuery(String name, int fallback) {
        return query(name).map(v -> {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }).orElse(fallback);
    }
}
