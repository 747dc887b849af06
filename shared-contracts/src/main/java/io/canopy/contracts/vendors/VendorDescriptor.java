package io.canopy.contracts.vendors;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.canopy.contracts.events.VendorType;

/**
 * What a dealer needs to know to register one vendor's server and map a customer to a feed
 * (shared/vendor-apis.md): its name as the vendor sells it, the credential fields with the help
 * that says where to find each, the default URL, and which feed settings it has. The dashboard's
 * registration form is built from this; issue #20 derives registry's validation from it too.
 */
public record VendorDescriptor(VendorType type, String displayName, List<CredentialField> credentials,
        Optional<String> defaultUrl, String urlExample, String customerIdInWords, boolean supportsCollectionScope,
        boolean hasActivationDate, String registrationHelp) {

    /**
     * One credential field.
     *
     * @param name   the wire name in {@code credentials}
     * @param label  what the form calls it
     * @param secret shown as a password field (never shown again after registration in any case)
     * @param help   where the dealer finds it
     */
    public record CredentialField(String name, String label, boolean secret, String help) {
    }

    private static final Map<VendorType, VendorDescriptor> ALL = Map.of(
            VendorType.MPS_MONITOR, new VendorDescriptor(VendorType.MPS_MONITOR, "MPS Monitor",
                    List.of(new CredentialField("dealer_token", "Dealer token", true,
                            "A UUID that MPS Monitor issues to your dealer account for integrations (ask your MPS Monitor administrator).")),
                    Optional.empty(), "https://api.abassetmanagement.com", "customer code (16 hex digits)", true, true,
                    "Canopy checks the token against your MPS Monitor server before it is saved."),
            VendorType.ONESTOP, new VendorDescriptor(VendorType.ONESTOP, "OneStop MPS Portal",
                    List.of(new CredentialField("username", "User name", false,
                            "The OneStop portal user Canopy signs in as (a user that can see every customer)."),
                            new CredentialField("password", "Password", true, "That user's password.")),
                    Optional.empty(), "https://api.onestopmpsportal.co.uk", "OneStop customer id", false, true,
                    "OneStop reports volumes per day; there is no managed-only setting."),
            VendorType.PRINT_TRACKER, new VendorDescriptor(VendorType.PRINT_TRACKER, "Print Tracker",
                    List.of(new CredentialField("entity_id", "Dealer entity id", false,
                            "24 hex digits: the id of your dealer (parent) entity in Print Tracker Pro."),
                            new CredentialField("api_key", "API key", true,
                                    "A UUID: an API key created in Print Tracker Pro for this integration.")),
                    Optional.of("https://papi.printtrackerpro.com"), "https://papi.printtrackerpro.com",
                    "child entity id (24 hex digits)", true, true,
                    "Print Tracker keeps meter history, so an activation date in the past is collected back."),
            VendorType.PRINTERPOINT, new VendorDescriptor(VendorType.PRINTERPOINT, "Printerpoint",
                    List.of(new CredentialField("api_token", "API token", true,
                            "Your dealer API token from Printerpoint.")),
                    Optional.of("https://printerpoint.com/apis/v1"), "https://printerpoint.com/apis/v1",
                    "customerCompanyId", false, false,
                    "Printerpoint counts every listed printer; a feed starts on the day it is registered."),
            VendorType.PRINTANISTA, new VendorDescriptor(VendorType.PRINTANISTA, "ECI Printanista",
                    List.of(new CredentialField("username", "User name", false,
                            "A Printanista user with the Dealer Admin role."),
                            new CredentialField("password", "Password", true, "That user's password."),
                            new CredentialField("api_key", "API key", true,
                                    "Issued by ECI for this integration (ECI support provides it).")),
                    Optional.empty(), "https://yourdealer.printanista.com", "Printanista account id", true, true,
                    "Only accounts on which you enabled the PrintReleaf integration in Printanista appear in the "
                            + "customer list: enable it per account first."));

    public static VendorDescriptor of(VendorType type) {
        return ALL.get(type);
    }

    /** Every vendor, in {@link VendorType} order. */
    public static List<VendorDescriptor> all() {
        return java.util.Arrays.stream(VendorType.values()).map(ALL::get).toList();
    }
}
