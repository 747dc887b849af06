package io.canopy.kit.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code canopy.workers.*}: when a long-running loop of ours (consumer, relay) counts as not working. */
@ConfigMapping(prefix = "canopy.workers")
public interface WorkersConfig {

    /**
     * A loop with work pending that made no progress for this long is stuck (readiness DOWN), even
     * if it reports no failure: e.g. a call that never returns.
     */
    @WithDefault("2m")
    Duration stuckAfter();

    /**
     * How long a loop may be failing, stuck or stopped before liveness goes DOWN too (and Kubernetes
     * restarts the pod). Longer than an ordinary outage of PostgreSQL or Kafka, which readiness
     * alone rides out: a restart does not bring a database back.
     */
    @WithDefault("10m")
    Duration livenessGrace();
}
