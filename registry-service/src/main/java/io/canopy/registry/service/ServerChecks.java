package io.canopy.registry.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.canopy.contracts.Topics;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.identity.DeterministicIds;
import io.canopy.kit.outbox.Outbox;
import io.canopy.registry.config.RegistryConfig;
import io.canopy.registry.persistence.ServerEntity;

/**
 * Server checks for unhealthy servers: every {@code canopy.registry.server-check.interval} a
 * {@code server-check} request goes out until one passes (then {@link CollectionFeedback} resumes
 * the server). Rows are claimed with SKIP LOCKED so replicas never double-send a check.
 */
@ApplicationScoped
public class ServerChecks {

    /** A server check has no account, hence no business zone; the event still requires one. */
    static final String SERVER_CHECK_ZONE = "UTC";

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    CollectionRuns runs;

    @Inject
    RegistryConfig config;

    @Inject
    Clock clock;

    /** Sends the checks that are due; returns how many. */
    @Transactional
    @SuppressWarnings("unchecked")
    public int sendDue() {
        Instant now = Now.of(clock);
        List<ServerEntity> due = em.createNativeQuery("""
                SELECT * FROM server WHERE health_check = 'unhealthy' AND next_check_at <= ?1
                ORDER BY next_check_at LIMIT 500 FOR UPDATE SKIP LOCKED""", ServerEntity.class)
                .setParameter(1, now).getResultList();
        if (due.isEmpty()) {
            return 0;
        }
        LocalDate asOf = runs.businessToday();
        for (ServerEntity server : due) {
            // id = H(server, the moment the check was scheduled): a re-sent check is the same request
            CollectionRequested check = new CollectionRequested(DeterministicIds.serverCheck(server.id, server.nextCheckAt),
                    server.dealerId, server.id, null, null, server.vendor(), server.url, server.sealedCredentials(), null,
                    null, SERVER_CHECK_ZONE, null, CollectionPurpose.SERVER_CHECK,
                    asOf, server.maxConcurrency, now);
            outbox.append(check, Topics.COLLECTION_REQUESTS);
            server.nextCheckAt = now.plus(config.serverCheck().interval());
        }
        return due.size();
    }
}
