package io.canopy.registry.api;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies (snake_case on the wire; unknown fields are refused). */
public final class Requests {

    private Requests() {
    }

    public record CreateDealer(@NotBlank @Size(max = 200) String name) {
    }

    /**
     * @param password a signed-in person's own password: their step-up proof instead of {@code X-Api-Key}
     */
    public record CreateApiKey(@Size(max = 100) String label,
            @Size(max = 200) @Schema(description = "signed in as a person: your password (instead of X-Api-Key)") String password) {
        @Override
        public String toString() {
            return "CreateApiKey[label=" + label + ", password=<redacted>]";
        }
    }

    @Schema(description = "Exchange a dealer API key for a short-lived JWT")
    public record TokenRequest(@NotBlank @Size(max = 200) String apiKey) {
        @Override
        public String toString() {
            return "TokenRequest[api_key=<redacted>]";
        }
    }

    public record CreateAccount(
            @NotBlank @Size(max = 200) @Schema(examples = "Acme Ltd") String name,
            UUID parentId,
            @Size(max = 64) @Schema(examples = "Europe/London", description = "IANA zone; default UTC") String timeZone,
            @Schema(enumeration = { "active", "inactive" }, description = "default active") String status) {
    }

    public record UpdateAccount(@Size(max = 200) String name, UUID parentId, @Size(max = 64) String timeZone) {
    }

    /** Its vendor-dependent parts (type values, credential fields) are written by {@link VendorOpenApiFilter}. */
    @Schema(description = "A fleet-management server")
    public record CreateServer(
            @Schema(examples = "mps_monitor") String type,
            @Size(max = 2048) @Schema(examples = "https://api.abassetmanagement.com") String url,
            @Schema(examples = "{\"dealer_token\": \"6f1c2b9e-4d3a-4e8f-9b1a-2c3d4e5f6a7b\"}") Map<String, String> credentials,
            @Size(max = 500) String contact,
            @Schema(description = "requests Canopy sends this server at a time; default 1") Integer maxConcurrency) {
        @Override
        public String toString() {
            return "CreateServer[type=" + type + ", url=" + url + ", credentials=<redacted>]";
        }
    }

    public record UpdateServer(String type, @Size(max = 2048) String url, Map<String, String> credentials,
            @Size(max = 500) String contact, Integer maxConcurrency) {
        @Override
        public String toString() {
            return "UpdateServer[url=" + url + ", credentials=<redacted>]";
        }
    }

    /** Per-vendor descriptions of external_id and collection_scope come from {@link VendorOpenApiFilter}. */
    public record CreateFeed(
            UUID accountId,
            UUID serverId,
            @Size(max = 256) @Schema(examples = "EA45CEF3D8EF6D0F", description = "the vendor's customer id") String externalId,
            @Schema(examples = "2026-01-01", description = "the first day whose pages count (default: the business today); may be in the past: "
                    + "history is collected back to it where the vendor keeps history") LocalDate activationDate,
            @Schema(enumeration = { "all", "managed_only" }) String collectionScope,
            @Schema(enumeration = { "letter", "a4" }, description = "default letter") String paperBasis) {
    }

    public record UpdateFeed(UUID accountId, UUID serverId, @Size(max = 256) String externalId, LocalDate activationDate,
            String collectionScope, String paperBasis) {
    }

    @Schema(description = "Optional window [from, to); default: everything not yet collected up to today")
    public record CollectWindow(LocalDate from, LocalDate to) {
    }

    public record CollectionRun(@NotNull @Schema(examples = "2026-02-15") LocalDate asOf) {
    }

    @Schema(description = "A dealer's user with a password right away (the operator creates a dealer's first admin)")
    public record CreateUser(
            @NotBlank @Size(max = 254) @Schema(examples = "ops@greenleaf.example") String email,
            @NotNull @Size(max = 200) @Schema(description = "at least 12 characters, at most 72 bytes") String password,
            @NotNull @Schema(enumeration = { "admin", "viewer" }) String role) {
        @Override
        public String toString() {
            return "CreateUser[email=" + email + ", role=" + role + ", password=<redacted>]";
        }
    }

    @Schema(description = "Invite a person to sign in for your dealer")
    public record InviteUser(
            @NotBlank @Size(max = 254) @Schema(examples = "viewer@greenleaf.example") String email,
            @NotNull @Schema(enumeration = { "admin", "viewer" }) String role) {
    }

    @Schema(description = "Accept an invitation: the one-time token and the password to set")
    public record AcceptInvitation(@NotBlank @Size(max = 200) String invitationToken,
            @NotNull @Size(max = 200) @Schema(description = "at least 12 characters, at most 72 bytes") String password) {
        @Override
        public String toString() {
            return "AcceptInvitation[invitation_token=<redacted>, password=<redacted>]";
        }
    }

    @Schema(description = "Sign in as a dealer's user")
    public record SignIn(@NotBlank @Size(max = 254) String email, @NotNull @Size(max = 200) String password) {
        @Override
        public String toString() {
            return "SignIn[email=<redacted>, password=<redacted>]";
        }
    }
}
