package io.canopy.kit.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Every long-running loop of the service (STYLE.md: "a dead thread is a DOWN pod, never a silent
 * one"): plain Kafka consumers, SmallRye channels applying records, the outbox relay. Loops register
 * a {@link Worker} and report into it; {@link WorkersReadinessCheck} is DOWN while any is failing,
 * stuck or stopped, {@link WorkersLivenessCheck} once that lasted longer than
 * {@link WorkersConfig#livenessGrace()}.
 */
@ApplicationScoped
public class Workers {

    private final Map<String, Worker> workers = new ConcurrentHashMap<>();

    @Inject
    WorkersConfig config;

    Clock clock = Clock.systemUTC();

    /** The worker of that name, registered on first use (a restarted loop keeps its report card). */
    public Worker register(String name) {
        return workers.computeIfAbsent(name, n -> new Worker(n, clock));
    }

    /** An orderly shutdown: the loop no longer counts. */
    public void deregister(String name) {
        workers.remove(name);
    }

    /** Each worker that has a problem, with the problem. */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        workers.values().forEach(w -> w.problem(config.stuckAfter()).ifPresent(p -> problems.put(w.name(), p)));
        return problems;
    }

    /** Each worker whose problem outlasted the liveness grace. */
    public Map<String, String> deadlyProblems() {
        Map<String, String> deadly = new LinkedHashMap<>();
        Instant now = clock.instant();
        Duration grace = config.livenessGrace();
        workers.values().forEach(w -> w.problem(config.stuckAfter()).ifPresent(p -> {
            if (Duration.between(w.troubleSince(config.stuckAfter()), now).compareTo(grace) > 0) {
                deadly.put(w.name(), p);
            }
        }));
        return deadly;
    }

    /** Names of the registered workers (for the UP report). */
    public java.util.Set<String> names() {
        return java.util.Set.copyOf(workers.keySet());
    }
}
