package io.canopy.registry.persistence;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A dealer's customer account: what deposits and certificates are for. */
@Entity
@Table(name = "account")
public class AccountEntity extends PanacheEntityBase {

    public static final String ACTIVE = "active";
    public static final String INACTIVE = "inactive";

    @Id
    public UUID id;

    @Column(name = "dealer_id", nullable = false)
    public UUID dealerId;

    @Column(name = "parent_id")
    public UUID parentId;

    @Column(nullable = false)
    public String name;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(nullable = false)
    public String status;

    @Column(name = "activated_at")
    public Instant activatedAt;

    @Column(name = "deactivated_at")
    public Instant deactivatedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The dealer's account, or empty when it does not exist or belongs to another dealer. */
    public static Optional<AccountEntity> ofDealer(UUID dealerId, UUID id) {
        return find("dealerId = ?1 and id = ?2", dealerId, id).firstResultOptional();
    }

    /**
     * As {@link #ofDealer}, with the row locked until the transaction ends ({@code FOR UPDATE}):
     * every writer of an account loads it this way, so two writers (a consumer and the API, or two
     * consumers) take turns and the second one sees what the first committed, instead of writing
     * back the stale columns it had read.
     */
    public static Optional<AccountEntity> ofDealerForUpdate(UUID dealerId, UUID id) {
        return find("dealerId = ?1 and id = ?2", dealerId, id).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }
}
