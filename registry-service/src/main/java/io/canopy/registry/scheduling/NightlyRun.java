package io.canopy.registry.scheduling;

import java.time.Clock;
import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.registry.service.CollectionRuns;
import io.quarkus.scheduler.Scheduled;

/**
 * Starts tonight's collection run. The wall clock only decides *when*; the run's business date is
 * tonight's UTC date (DESIGN.md rule 12). With several replicas each may fire: request ids are
 * deterministic and the outbox ignores repeats, so the second run adds nothing.
 */
@ApplicationScoped
public class NightlyRun {

    @Inject
    CollectionRuns runs;

    @Inject
    Clock clock;

    @Scheduled(identity = "nightly-collection-run", cron = "{canopy.registry.nightly.cron}", timeZone = "UTC",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tonight() {
        runs.run(LocalDate.now(clock));
    }
}
