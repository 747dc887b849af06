package io.canopy.registry.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import io.canopy.registry.domain.Watermark;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One vendor customer of one server mapped to one account: what is collected every night. */
@Entity
@DynamicUpdate // only the columns a writer changed: a second line of defence against lost updates
@Table(name = "feed")
public class FeedEntity extends PanacheEntityBase {

    public static final String ACTIVE = "active";
    public static final String INACTIVE = "inactive";

    @Id
    public UUID id;

    @Column(name = "dealer_id", nullable = false)
    public UUID dealerId;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "server_id", nullable = false)
    public UUID serverId;

    @Column(name = "external_id", nullable = false)
    public String externalId;

    @Column(name = "activation_date", nullable = false)
    public LocalDate activationDate;

    /** {@code all} / {@code managed_only}; null for vendors without the choice. */
    @Column(name = "collection_scope")
    public String collectionScope;

    /** {@code letter} / {@code a4}. */
    @Column(name = "paper_basis", nullable = false)
    public String paperBasis;

    @Column(nullable = false)
    public String status;

    @Column(name = "activated_at")
    public Instant activatedAt;

    @Column(name = "deactivated_at")
    public Instant deactivatedAt;

    @Column(name = "collected_through")
    public LocalDate collectedThrough;

    @Column(name = "last_collection_status")
    public String lastCollectionStatus;

    @Column(name = "last_collection_at")
    public Instant lastCollectionAt;

    @Embedded
    public HealthCheck health = HealthCheck.healthy();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public Watermark watermark() {
        return new Watermark(activationDate, Optional.ofNullable(collectedThrough));
    }

    public static Optional<FeedEntity> ofDealer(UUID dealerId, UUID id) {
        return find("dealerId = ?1 and id = ?2", dealerId, id).firstResultOptional();
    }

    /**
     * As {@link #ofDealer}, with the row locked until the transaction ends ({@code FOR UPDATE}):
     * every writer of a feed loads it this way, so two writers (a consumer and the API, or two
     * consumers) take turns and the second one sees what the first committed, instead of writing
     * back the stale columns it had read.
     */
    public static Optional<FeedEntity> ofDealerForUpdate(UUID dealerId, UUID id) {
        return find("dealerId = ?1 and id = ?2", dealerId, id).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }
}
