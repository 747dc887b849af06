package io.canopy.registry.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.canopy.contracts.events.VendorType;

/**
 * What registry knows about each vendor's shapes (shared/vendor-apis.md): the credential fields
 * and their formats, the default server URL, the format of a customer id and whether the vendor
 * can restrict a feed to managed devices. Shape only: whether the values are right is asked of
 * the vendor itself, through collector-service.
 */
public final class VendorRules {

    /** Longest credential value accepted: real tokens and passwords are far shorter. */
    public static final int MAX_CREDENTIAL_LENGTH = 512;
    public static final int MAX_URL_LENGTH = 2048;

    private static final Pattern UUID_FORMAT = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX24 = Pattern.compile("[0-9a-fA-F]{24}");
    private static final Pattern HEX16_UPPER = Pattern.compile("[0-9A-F]{16}");
    private static final Pattern INTEGER = Pattern.compile("[0-9]{1,18}");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7E]+(?: [\\x21-\\x7E]+)*");

    /** A credential field: its wire name, the format it must have, and that format in words. */
    record Field(String name, Pattern format, String formatInWords) {
    }

    private record Rules(Map<String, Field> credentials, Optional<String> defaultUrl, Pattern externalId,
            String externalIdInWords, boolean supportsScope) {
    }

    private static final Map<VendorType, Rules> RULES = Map.of(
            VendorType.MPS_MONITOR, new Rules(fields(new Field("dealer_token", UUID_FORMAT, "a UUID")),
                    Optional.empty(), HEX16_UPPER, "a customer code of 16 upper-case hex digits", true),
            VendorType.ONESTOP, new Rules(fields(new Field("username", PRINTABLE, "a user name"),
                    new Field("password", PRINTABLE, "a password")),
                    Optional.empty(), INTEGER, "a OneStop customer id (an integer)", false),
            VendorType.PRINT_TRACKER, new Rules(fields(new Field("entity_id", HEX24, "an entity id of 24 hex digits"),
                    new Field("api_key", UUID_FORMAT, "a UUID")),
                    Optional.of("https://papi.printtrackerpro.com"), HEX24, "a child entity id of 24 hex digits", true),
            VendorType.PRINTERPOINT, new Rules(fields(new Field("api_token", PRINTABLE, "an API token")),
                    Optional.of("https://printerpoint.com/apis/v1"), PRINTABLE, "a customerCompanyId", false),
            VendorType.PRINTANISTA, new Rules(fields(new Field("username", PRINTABLE, "a user name"),
                    new Field("password", PRINTABLE, "a password"), new Field("api_key", PRINTABLE, "an API key")),
                    Optional.empty(), PRINTABLE, "a Printanista account id", true));

    private VendorRules() {
    }

    private static Map<String, Field> fields(Field... fields) {
        Map<String, Field> byName = new LinkedHashMap<>();
        for (Field field : fields) {
            byName.put(field.name(), field);
        }
        return byName;
    }

    /** The credential field names a vendor needs, in order. */
    public static Set<String> credentialFields(VendorType vendor) {
        return RULES.get(vendor).credentials().keySet();
    }

    /**
     * Checks that the credentials have exactly the vendor's fields, each in its format.
     *
     * @throws InvalidField naming {@code credentials.<field>}; never echoing a value
     */
    public static Map<String, String> validateCredentials(VendorType vendor, Map<String, String> credentials) {
        if (credentials == null || credentials.isEmpty()) {
            throw new InvalidField("credentials", vendor.wireName() + " credentials need " + describe(vendor));
        }
        Rules rules = RULES.get(vendor);
        for (String name : credentials.keySet()) {
            if (!rules.credentials().containsKey(name)) {
                throw new InvalidField("credentials." + name,
                        "'" + name + "' is not a " + vendor.wireName() + " credential; expected " + describe(vendor));
            }
        }
        Map<String, String> checked = new LinkedHashMap<>();
        for (Field field : rules.credentials().values()) {
            String value = credentials.get(field.name());
            String path = "credentials." + field.name();
            if (value == null || value.isBlank()) {
                throw new InvalidField(path, field.name() + " is required for " + vendor.wireName());
            }
            if (value.length() > MAX_CREDENTIAL_LENGTH) {
                throw new InvalidField(path, field.name() + " is longer than " + MAX_CREDENTIAL_LENGTH + " characters");
            }
            if (!field.format().matcher(value).matches()) {
                throw new InvalidField(path, field.name() + " must be " + field.formatInWords());
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
            return RULES.get(vendor).defaultUrl()
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
        Rules rules = RULES.get(vendor);
        if (externalId.length() > 256 || !rules.externalId().matcher(externalId).matches()) {
            throw new InvalidField("external_id",
                    "external_id must be " + rules.externalIdInWords() + " for a " + vendor.wireName() + " server");
        }
        return externalId;
    }

    /** Whether a feed of this vendor may choose between all devices and managed devices only. */
    public static boolean supportsCollectionScope(VendorType vendor) {
        return RULES.get(vendor).supportsScope();
    }

    private static String describe(VendorType vendor) {
        StringBuilder words = new StringBuilder();
        for (Field field : RULES.get(vendor).credentials().values()) {
            if (!words.isEmpty()) {
                words.append(", ");
            }
            words.append(field.name()).append(" (").append(field.formatInWords()).append(')');
        }
        return words.toString();
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
