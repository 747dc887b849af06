package io.canopy.registry.scheduling;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.registry.service.ServerChecks;
import io.quarkus.scheduler.Scheduled;

/** Looks for unhealthy servers whose next check is due (see {@link ServerChecks}). */
@ApplicationScoped
public class ServerCheckTicker {

    @Inject
    ServerChecks checks;

    @Scheduled(identity = "server-checks", every = "{canopy.registry.server-check.poll-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void due() {
        checks.sendDue();
    }
}
