package io.canopy.registry.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.vendors.VendorDescriptor;
import io.canopy.contracts.vendors.VendorDescriptor.CredentialField;
import io.canopy.contracts.vendors.VendorDescriptor.CustomerId;

/**
 * Registry's checks of what a dealer registers, read from each vendor's {@link VendorDescriptor}
 * (credential fields and formats, default server URL, customer id format, collection scope) plus
 * the URL rules every vendor shares. Shape only: whether the values are right is asked of the
 * vendor itself, through collector-service.
 */
public final class VendorRules {

    public static final int MAX_URL_LENGTH = 2048;

    private VendorRules() {
    }

    /** The credential field names a vendor needs, in order. */
    public static List<String> credentialFields(VendorType vendor) {
        return VendorDescriptor.of(vendor).credentialNames();
    }

    /**
     * Checks that the credentials have exactly the vendor's fields, each in its format.
     *
     * @throws InvalidField naming {@code credentials.<field>}; never echoing a value
     */
    public static Map<String, String> validateCredentials(VendorType vendor, Map<String, String> credentials) {
        VendorDescriptor descriptor = VendorDescriptor.of(vendor);
        if (credentials == null || credentials.isEmpty()) {
            throw new InvalidField("credentials",
                    vendor.wireName() + " credentials need " + descriptor.credentialsInWords());
        }
        for (String name : credentials.keySet()) {
            if (descriptor.credential(name).isEmpty()) {
                throw new InvalidField("credentials." + name, "'" + name + "' is not a " + vendor.wireName()
                        + " credential; expected " + descriptor.credentialsInWords());
            }
        }
        Map<String, String> checked = new LinkedHashMap<>();
        for (CredentialField field : descriptor.credentials()) {
            String value = credentials.get(field.name());
            String path = "credentials." + field.name();
            if (value == null || value.isBlank()) {
                throw new InvalidField(path, field.name() + " is required for " + vendor.wireName());
            }
            if (value.length() > field.maxLength()) {
                throw new InvalidField(path, field.name() + " is longer than " + field.maxLength() + " characters");
            }
            if (!field.format().matches(value)) {
                throw new InvalidField(path, field.name() + " must be " + field.format().inWords());
            }
            checked.put(field.name(), value);
        }
        return checked;
    }

    /**
     * The server URL to store: the given one (absolute http(s), https unless insecure URLs are
     * allowed for local use), or the vendor's default when it has one.
     */
    public static String serverUrl(VendorType vendor, String url, boolean allowInsecureHttp) {
        if (url == null || url.isBlank()) {
            return VendorDescriptor.of(vendor).defaultUrl()
                    .orElseThrow(() -> new InvalidField("url", "url is required for " + vendor.wireName()));
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new InvalidField("url", "url is longer than " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new InvalidField("url", "url is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidField("url", "url must be an absolute https:// URL");
        }
        if (scheme.equals("http") && !allowInsecureHttp) {
            throw new InvalidField("url", "url must use https://");
        }
        if (uri.getUserInfo() != null || uri.getQuery() != null || uri.getFragment() != null) {
            // credentials belong in `credentials`, where they are sealed, never in a stored URL
            throw new InvalidField("url", "url must not carry user info, a query or a fragment");
        }
        String normalised = uri.toString();
        return normalised.endsWith("/") ? normalised.substring(0, normalised.length() - 1) : normalised;
    }

    /** Checks a feed's vendor customer id against the vendor's format. */
    public static String validateExternalId(VendorType vendor, String externalId) {
        if (externalId == null || externalId.isBlank()) {
            throw new InvalidField("external_id", "external_id is required");
        }
        CustomerId customerId = VendorDescriptor.of(vendor).customerId();
        if (externalId.length() > VendorDescriptor.MAX_CUSTOMER_ID_LENGTH || !customerId.format().matches(externalId)) {
            throw new InvalidField("external_id",
                    "external_id must be the " + customerId.inWords() + " for a " + vendor.wireName() + " server");
        }
        return externalId;
    }

    /** Whether a feed of this vendor may choose between all devices and managed devices only. */
    public static boolean supportsCollectionScope(VendorType vendor) {
        return VendorDescriptor.of(vendor).supportsCollectionScope();
    }

    /** Where a (validated) server URL connects: its host as written and its port, the scheme's when absent. */
    public record Origin(String scheme, String host, int port) {
        static final int HTTPS_PORT = 443;
        static final int HTTP_PORT = 80;

        public static Origin of(String serverUrl) {
            URI uri = URI.create(serverUrl);
            String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? HTTPS_PORT : HTTP_PORT;
            return new Origin(scheme, uri.getHost().toLowerCase(java.util.Locale.ROOT), port);
        }
    }

    /**
     * Whether stored credentials may follow a URL change without being typed again: only when the
     * scheme, host and port stay the same (a new path on the same server). Anything else could hand
     * the sealed credentials to a host the vendor's owner never gave them to.
     */
    public static boolean sameOrigin(String currentUrl, String newUrl) {
        return Origin.of(currentUrl).equals(Origin.of(newUrl));
    }
}
