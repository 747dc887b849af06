package io.canopy.contracts.vendors;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.canopy.contracts.events.VendorType;

/**
 * Everything Canopy knows about one vendor apart from how to talk to it (shared/vendor-apis.md):
 * its name as the vendor sells it, how it reports usage, the credential fields with their formats
 * and the help that says where to find each, the default URL, the format of its customer ids and
 * which feed settings it has. This is the one place a vendor is described: registry's validation,
 * the OpenAPI document, the dashboard's registration form, the simulator's generated customers and
 * the test and benchmark fixtures are all read from it. Adding a vendor = a {@link VendorType}
 * value, its descriptor here, a collector adapter and a simulator API (README "Adding a vendor").
 *
 * @param kind                    how the vendor reports usage: lifetime counters (meter vendor) or
 *                                volumes per day (aggregate vendor), and whether past days can be asked for
 * @param credentials             the fields of {@code credentials}, in the order the form shows them
 * @param defaultUrl              the server URL used when a dealer gives none (vendors with one public API)
 * @param urlExample              what a server URL looks like (the form's placeholder)
 * @param customerId              the vendor's customer id, a feed's {@code external_id}
 * @param supportsCollectionScope a feed may be limited to managed devices ({@code collection_scope})
 * @param discoversCustomers      the vendor lists the dealer's customers ({@code GET /v1/servers/{id}/customers})
 * @param hasActivationDate       the vendor's own flow has an activation date (otherwise the
 *                                registration date is the natural one)
 * @param registrationHelp        one sentence the form shows before the fields
 */
public record VendorDescriptor(VendorType type, String displayName, VendorType.Kind kind,
        List<CredentialField> credentials, Optional<String> defaultUrl, String urlExample, CustomerId customerId,
        boolean supportsCollectionScope, boolean discoversCustomers, boolean hasActivationDate,
        String registrationHelp) {

    /** Longest credential value accepted unless a field says otherwise: real tokens and passwords are far shorter. */
    public static final int DEFAULT_MAX_CREDENTIAL_LENGTH = 512;
    /** Longest customer id accepted (the column's width). */
    public static final int MAX_CUSTOMER_ID_LENGTH = 256;

    public VendorDescriptor {
        credentials = List.copyOf(credentials);
    }

    /**
     * One credential field.
     *
     * @param name      the wire name in {@code credentials} (snake_case)
     * @param label     what the form calls it
     * @param secret    shown as a password field (never shown again after registration in any case)
     * @param format    the shape its value must have
     * @param maxLength longest value accepted
     * @param help      where the dealer finds it
     */
    public record CredentialField(String name, String label, boolean secret, ValueFormat format, int maxLength,
            String help) {

        CredentialField(String name, String label, boolean secret, ValueFormat format, String help) {
            this(name, label, secret, format, DEFAULT_MAX_CREDENTIAL_LENGTH, help);
        }

        /** The field and its format, as error messages and the API description list them. */
        public String inWords() {
            return name + " (" + format.inWords() + ")";
        }
    }

    /**
     * The vendor's id of a customer: a feed's {@code external_id}.
     *
     * @param inWords what the vendor calls it, with its shape where that helps ("customer code (16 upper-case hex digits)")
     * @param format  the shape it must have
     */
    public record CustomerId(String inWords, ValueFormat format) {
    }

    private static final Map<VendorType, VendorDescriptor> ALL = index(
            new VendorDescriptor(VendorType.MPS_MONITOR, "MPS Monitor", VendorType.Kind.CURRENT_COUNTERS,
                    List.of(new CredentialField("dealer_token", "Dealer token", true, ValueFormat.UUID,
                            "A UUID that MPS Monitor issues to your dealer account for integrations (ask your MPS Monitor administrator).")),
                    Optional.empty(), "https://api.abassetmanagement.com",
                    new CustomerId("customer code (16 upper-case hex digits)", ValueFormat.HEX_16_UPPER),
                    true, true, true,
                    "Canopy checks the token against your MPS Monitor server before it is saved."),
            new VendorDescriptor(VendorType.ONESTOP, "OneStop MPS Portal", VendorType.Kind.DAY_AGGREGATES,
                    List.of(new CredentialField("username", "User name", false, ValueFormat.PRINTABLE,
                            "The OneStop portal user Canopy signs in as (a user that can see every customer)."),
                            new CredentialField("password", "Password", true, ValueFormat.PRINTABLE,
                                    "That user's password.")),
                    Optional.empty(), "https://api.onestopmpsportal.co.uk",
                    new CustomerId("OneStop customer id (an integer)", ValueFormat.INTEGER),
                    false, true, true,
                    "OneStop reports volumes per day; there is no managed-only setting."),
            new VendorDescriptor(VendorType.PRINT_TRACKER, "Print Tracker", VendorType.Kind.COUNTER_HISTORY,
                    List.of(new CredentialField("entity_id", "Dealer entity id", false, ValueFormat.HEX_24,
                            "24 hex digits: the id of your dealer (parent) entity in Print Tracker Pro."),
                            new CredentialField("api_key", "API key", true, ValueFormat.UUID,
                                    "A UUID: an API key created in Print Tracker Pro for this integration.")),
                    Optional.of("https://papi.printtrackerpro.com"), "https://papi.printtrackerpro.com",
                    new CustomerId("child entity id (24 hex digits)", ValueFormat.HEX_24),
                    true, true, true,
                    "Print Tracker keeps meter history, so an activation date in the past is collected back."),
            new VendorDescriptor(VendorType.PRINTERPOINT, "Printerpoint", VendorType.Kind.CURRENT_COUNTERS,
                    List.of(new CredentialField("api_token", "API token", true, ValueFormat.PRINTABLE,
                            "Your dealer API token from Printerpoint.")),
                    Optional.of("https://printerpoint.com/apis/v1"), "https://printerpoint.com/apis/v1",
                    new CustomerId("customerCompanyId", ValueFormat.PRINTABLE),
                    false, true, false,
                    "Printerpoint counts every listed printer; a feed starts on the day it is registered."),
            new VendorDescriptor(VendorType.PRINTANISTA, "ECI Printanista", VendorType.Kind.DAY_AGGREGATES,
                    List.of(new CredentialField("username", "User name", false, ValueFormat.PRINTABLE,
                            "A Printanista user with the Dealer Admin role."),
                            new CredentialField("password", "Password", true, ValueFormat.PRINTABLE,
                                    "That user's password."),
                            new CredentialField("api_key", "API key", true, ValueFormat.PRINTABLE,
                                    "Issued by ECI for this integration (ECI support provides it).")),
                    Optional.empty(), "https://yourdealer.printanista.com",
                    new CustomerId("Printanista account id", ValueFormat.PRINTABLE),
                    true, true, true,
                    "Only accounts on which you enabled the PrintReleaf integration in Printanista appear in the "
                            + "customer list: enable it per account first."));

    private static Map<VendorType, VendorDescriptor> index(VendorDescriptor... descriptors) {
        Map<VendorType, VendorDescriptor> byType = new EnumMap<>(VendorType.class);
        for (VendorDescriptor descriptor : descriptors) {
            if (byType.put(descriptor.type(), descriptor) != null) {
                throw new IllegalStateException("two descriptors for " + descriptor.type());
            }
        }
        return byType;
    }

    /**
     * The descriptor of a vendor.
     *
     * @throws IllegalStateException when a {@link VendorType} has no descriptor (VendorDescriptorTest catches it first)
     */
    public static VendorDescriptor of(VendorType type) {
        VendorDescriptor descriptor = ALL.get(type);
        if (descriptor == null) {
            throw new IllegalStateException("no VendorDescriptor for " + type);
        }
        return descriptor;
    }

    /** Every vendor, in {@link VendorType} order. */
    public static List<VendorDescriptor> all() {
        return Arrays.stream(VendorType.values()).map(VendorDescriptor::of).toList();
    }

    /** The wire names of every vendor, in {@link VendorType} order ({@code mps_monitor, onestop, ...}). */
    public static List<String> wireNames() {
        return Arrays.stream(VendorType.values()).map(VendorType::wireName).toList();
    }

    /** Lifetime counters (meter vendor) rather than volumes per window (aggregate vendor). */
    public boolean reportsMeters() {
        return kind != VendorType.Kind.DAY_AGGREGATES;
    }

    /** Past days can be asked for, so an activation date in the past is collected back. */
    public boolean keepsHistory() {
        return kind != VendorType.Kind.CURRENT_COUNTERS;
    }

    /** The customer id in words, as the dashboard's feed form says it. */
    public String customerIdInWords() {
        return customerId.inWords();
    }

    public Optional<CredentialField> credential(String name) {
        return credentials.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The credential field names, in order. */
    public List<String> credentialNames() {
        return credentials.stream().map(CredentialField::name).toList();
    }

    /** "dealer_token (a UUID)", "username (printable text …), password (…)": for errors and API descriptions. */
    public String credentialsInWords() {
        return credentials.stream().map(CredentialField::inWords).collect(Collectors.joining(", "));
    }

    /**
     * Credentials of the right shape, distinct per {@code n}: for test fixtures and generated fleets.
     * Each field gets its own sample number so two fields of the same format never repeat each other.
     */
    public Map<String, String> sampleCredentials(long n) {
        Map<String, String> sample = new java.util.LinkedHashMap<>();
        for (int i = 0; i < credentials.size(); i++) {
            CredentialField field = credentials.get(i);
            sample.put(field.name(), field.format().sample(n * credentials.size() + i));
        }
        return sample;
    }
}
