package io.canopy.registry.persistence;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;

import io.canopy.contracts.events.SealedCredentials;
import io.canopy.contracts.events.VendorType;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A dealer's fleet-management server. Its credentials are stored only sealed (AES-256-GCM bound to
 * the server id, key id kept for rotation); registry never opens them.
 */
@Entity
@DynamicUpdate // only the columns a writer changed: a second line of defence against lost updates
@Table(name = "server")
public class ServerEntity extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "dealer_id", nullable = false)
    public UUID dealerId;

    /** Wire name of the {@link VendorType}. */
    @Column(nullable = false)
    public String type;

    @Column(nullable = false)
    public String url;

    @Column(name = "credentials_key_id", nullable = false)
    public String credentialsKeyId;

    @Column(name = "credentials_algorithm", nullable = false)
    public String credentialsAlgorithm;

    @Column(name = "credentials_ciphertext", nullable = false)
    public String credentialsCiphertext;

    public String contact;

    @Column(name = "max_concurrency", nullable = false)
    public int maxConcurrency;

    @Embedded
    public HealthCheck health = HealthCheck.healthy();

    @Column(name = "next_check_at")
    public Instant nextCheckAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public VendorType vendor() {
        return VendorType.fromWireName(type);
    }

    public SealedCredentials sealedCredentials() {
        return new SealedCredentials(credentialsKeyId, credentialsAlgorithm, credentialsCiphertext);
    }

    public void seal(SealedCredentials sealed) {
        credentialsKeyId = sealed.keyId();
        credentialsAlgorithm = sealed.algorithm();
        credentialsCiphertext = sealed.ciphertext();
    }

    public boolean healthy() {
        return health.isHealthy();
    }

    public static Optional<ServerEntity> ofDealer(UUID dealerId, UUID id) {
        return find("dealerId = ?1 and id = ?2", dealerId, id).firstResultOptional();
    }

    /**
     * As {@link #ofDealer}, with the row locked until the transaction ends ({@code FOR UPDATE}):
     * every writer of a server loads it this way, so two writers (a consumer and the API, or two
     * consumers) take turns and the second one sees what the first committed, instead of writing
     * back the stale columns it had read.
     */
    public static Optional<ServerEntity> ofDealerForUpdate(UUID dealerId, UUID id) {
        return find("dealerId = ?1 and id = ?2", dealerId, id).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    @Override
    public String toString() {
        return "Server[id=" + id + ", type=" + type + ", credentials=<sealed>]";
    }
}
