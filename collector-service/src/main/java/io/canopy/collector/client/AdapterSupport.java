package io.canopy.collector.client;

import io.canopy.collector.domain.VendorFailure;
import io.canopy.contracts.events.FailureKind;

/** The common 4xx mapping of shared/vendor-apis.md; adapters add their vendor-specific cases first. */
public final class AdapterSupport {

    private AdapterSupport() {
    }

    /** Throws the classified failure for a non-2xx answer; returns the response when it is 2xx. */
    public static VendorResponse requireOk(VendorResponse response, String what) {
        if (response.ok()) {
            return response;
        }
        int status = response.status();
        FailureKind kind = switch (status) {
            case 401, 403 -> FailureKind.AUTH_REJECTED;
            case 404 -> FailureKind.NOT_FOUND;
            case 409 -> FailureKind.INTEGRATION_DISABLED;
            default -> FailureKind.VENDOR_ERROR;
        };
        throw new VendorFailure(kind, what + ": the vendor answered " + status + reason(response), status, 1);
    }

    /** A short reason from the vendor's error body, if it has a recognisable one. */
    static String reason(VendorResponse response) {
        try {
            var json = response.json();
            for (String field : new String[] { "error", "message", "error_description" }) {
                if (json.path(field).isTextual()) {
                    return " (" + truncate(json.path(field).asText()) + ")";
                }
            }
            if (json.path("Errors").isArray() && json.path("Errors").size() > 0) {
                return " (" + truncate(json.path("Errors").get(0).path("Code").asText()) + ")";
            }
        } catch (VendorFailure notJson) {
            // no reason to add
        }
        return "";
    }

    private static String truncate(String text) {
        return text.length() > 200 ? text.substring(0, 200) : text;
    }
}
