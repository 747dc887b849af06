package io.canopy.health.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.FeedHealthReason;
import io.canopy.health.persistence.FeedHealthRepository;
import io.canopy.health.persistence.ServerHealthRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Judges every feed again against its dealer's latest as_of, so a feed that receives no events at
 * all (its collections stopped arriving) still goes stale. The wall clock only decides when the
 * sweep runs; what it decides depends on business time alone (rule 12). One transaction per feed:
 * a slow or failing feed never holds up the others. Also refreshes the unhealthy-by-reason gauges.
 */
@ApplicationScoped
public class HealthSweep {

    private static final Logger LOG = Logger.getLogger(HealthSweep.class);

    @Inject
    HealthService health;

    @Inject
    FeedHealthRepository feedHealth;

    @Inject
    ServerHealthRepository serverHealth;

    @Inject
    MeterRegistry metrics;

    private final Map<String, AtomicLong> unhealthy = new ConcurrentHashMap<>();

    @Scheduled(every = "${canopy.health.evaluation-interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "health-sweep")
    void scheduled() {
        sweep();
    }

    /** @return how many feeds were judged */
    public synchronized int sweep() {
        List<UUID> feeds = QuarkusTransaction.requiringNew().call(feedHealth::allFeeds);
        int judged = 0;
        for (UUID feedId : feeds) {
            try {
                health.reevaluateFeed(feedId);
                judged++;
            } catch (RuntimeException e) {
                LOG.errorf(e, "feed %s could not be judged in this sweep; the next one tries again", feedId);
            }
        }
        refreshGauges();
        return judged;
    }

    void publishGaugesAtStart(@Observes StartupEvent startup) {
        refreshGauges();
    }

    /** Unhealthy feeds and servers by reason, as the tables say now. */
    public void refreshGauges() {
        Map<String, Long> feeds = QuarkusTransaction.requiringNew().call(feedHealth::unhealthyFeedsByReason);
        Map<String, Long> servers = QuarkusTransaction.requiringNew().call(serverHealth::unhealthyServersByReason);
        for (FeedHealthReason reason : FeedHealthReason.values()) {
            gauge("canopy.health.feeds.unhealthy", reason.name()).set(feeds.getOrDefault(reason.name(), 0L));
        }
        for (FailureKind kind : FailureKind.values()) {
            gauge("canopy.health.servers.unhealthy", kind.name()).set(servers.getOrDefault(kind.name(), 0L));
        }
    }

    private AtomicLong gauge(String name, String reason) {
        return unhealthy.computeIfAbsent(name + "/" + reason, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).tag("reason", reason.toLowerCase())
                    .description("unhealthy at the last sweep or evaluation, by reason").register(metrics);
            return value;
        });
    }
}
