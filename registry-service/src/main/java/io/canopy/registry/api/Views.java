package io.canopy.registry.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.canopy.registry.persistence.AccountEntity;
import io.canopy.registry.persistence.ApiKeyEntity;
import io.canopy.registry.persistence.DealerEntity;
import io.canopy.registry.persistence.DealerUserEntity;
import io.canopy.registry.persistence.FeedEntity;
import io.canopy.registry.persistence.ServerEntity;

/** What the API answers (snake_case on the wire). A server view never carries its credentials. */
public final class Views {

    private Views() {
    }

    public record DealerView(UUID id, String name, Instant createdAt) {
        static DealerView of(DealerEntity d) {
            return new DealerView(d.id, d.name, d.createdAt);
        }
    }

    @Schema(description = "An API key's metadata; the key itself is shown only once, when created")
    public record ApiKeyView(UUID id, String label, Instant createdAt, Instant revokedAt, Instant lastUsedAt) {
        static ApiKeyView of(ApiKeyEntity k) {
            return new ApiKeyView(k.id, k.label, k.createdAt, k.revokedAt, k.lastUsedAt);
        }
    }

    @Schema(description = "A newly created API key: `key` is shown this once and never again")
    public record NewApiKeyView(UUID id, String label, String key, Instant createdAt) {
        @Override
        public String toString() {
            return "NewApiKeyView[id=" + id + ", key=<redacted>]";
        }
    }

    public record NewDealerView(DealerView dealer, NewApiKeyView apiKey) {
    }

    public record AccountView(UUID id, String name, UUID parentId, String status, String timeZone, Instant activatedAt,
            Instant deactivatedAt, Instant createdAt, Instant updatedAt) {
        static AccountView of(AccountEntity a) {
            return new AccountView(a.id, a.name, a.parentId, a.status, a.timeZone, a.activatedAt, a.deactivatedAt,
                    a.createdAt, a.updatedAt);
        }
    }

    @Schema(description = "A fleet-management server; its credentials are sealed and never returned")
    public record ServerView(UUID id, String type, String url, String contact, int maxConcurrency, String healthCheck,
            Instant healthCheckCheckedAt, Instant healthCheckChangedAt, String healthReason, Instant createdAt,
            Instant updatedAt) {
        static ServerView of(ServerEntity s) {
            return new ServerView(s.id, s.type, s.url, s.contact, s.maxConcurrency, s.health.status, s.health.checkedAt,
                    s.health.changedAt, s.health.reason, s.createdAt, s.updatedAt);
        }
    }

    public record FeedView(UUID id, UUID accountId, UUID serverId, String externalId, LocalDate activationDate,
            String collectionScope, String paperBasis, String status, Instant activatedAt, Instant deactivatedAt,
            LocalDate collectedThrough, String lastCollectionStatus, Instant lastCollectionAt, String healthCheck,
            Instant healthCheckCheckedAt, Instant healthCheckChangedAt, String healthReason, Instant createdAt,
            Instant updatedAt) {
        static FeedView of(FeedEntity f) {
            return new FeedView(f.id, f.accountId, f.serverId, f.externalId, f.activationDate, f.collectionScope,
                    f.paperBasis, f.status, f.activatedAt, f.deactivatedAt, f.collectedThrough, f.lastCollectionStatus,
                    f.lastCollectionAt, f.health.status, f.health.checkedAt, f.health.changedAt, f.health.reason,
                    f.createdAt, f.updatedAt);
        }
    }

    public record VendorCustomerView(String externalId, String name) {
    }

    public record CollectionRequestView(UUID requestId, UUID feedId, LocalDate from, LocalDate to, String purpose,
            LocalDate asOf) {
    }

    public record CollectionRunView(LocalDate asOf, int requested, int upToDate) {
    }

    public record TokenView(String accessToken, String tokenType, long expiresIn, Instant expiresAt) {
        @Override
        public String toString() {
            return "TokenView[access_token=<redacted>, expires_at=" + expiresAt + "]";
        }
    }

    @Schema(description = "A dealer's user; status pending until the invitation is accepted. No password or token, ever")
    public record UserView(UUID id, String email, String role,
            @Schema(enumeration = { "pending", "active" }) String status, Instant createdAt, Instant lastSignInAt,
            Instant invitationExpiresAt) {
        static UserView of(DealerUserEntity u) {
            return new UserView(u.id, u.email, u.role, u.pending() ? "pending" : "active", u.createdAt, u.lastSignInAt,
                    u.invitationExpiresAt);
        }
    }

    @Schema(description = "An invitation: `invitation_token` is shown in this answer only; the invitee accepts it "
            + "with POST /v1/auth/invitations/accept before `invitation_expires_at`")
    public record InvitationView(UUID id, String email, String role, String status, Instant createdAt,
            String invitationToken, Instant invitationExpiresAt) {
        @Override
        public String toString() {
            return "InvitationView[id=" + id + ", invitation_token=<redacted>]";
        }
    }

    @Schema(description = "Who signed in, as the dashboard shows it")
    public record SignedInUserView(UUID id, UUID dealerId, String email, String role) {
    }

    @Schema(description = "The token of POST /v1/auth/token plus who it is for")
    public record SignInView(String accessToken, String tokenType, long expiresIn, Instant expiresAt, SignedInUserView user) {
        @Override
        public String toString() {
            return "SignInView[access_token=<redacted>, user=" + user.id() + "]";
        }
    }
}
