package io.canopy.kit.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class WorkersTest {

    private final MutableClock clock = new MutableClock();
    private final Workers workers = workers(clock);

    @Test
    void aFailingLoopIsNotReadyAndIsDeadOnlyAfterTheGrace() {
        Worker loop = workers.register("consumer x");
        assertThat(workers.problems()).isEmpty();
        loop.failing("SQLException: connection refused");
        assertThat(workers.problems()).containsKey("consumer x");
        assertThat(workers.deadlyProblems()).isEmpty();
        clock.advance(Duration.ofMinutes(11));
        assertThat(workers.deadlyProblems()).containsKey("consumer x");
        loop.progressed();
        assertThat(workers.problems()).isEmpty();
        assertThat(workers.deadlyProblems()).isEmpty();
    }

    @Test
    void aLoopWithWorkPendingAndNoProgressIsStuck() {
        Worker loop = workers.register("relay");
        loop.pending(true);
        clock.advance(Duration.ofMinutes(1));
        assertThat(workers.problems()).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        assertThat(workers.problems()).containsEntry("relay", workers.problems().get("relay")).extractingByKey("relay")
                .asString().startsWith("stuck");
    }

    @Test
    void anIdleLoopIsNeverStuck() {
        workers.register("idle").pending(false);
        clock.advance(Duration.ofHours(5));
        assertThat(workers.problems()).isEmpty();
    }

    @Test
    void aDeadThreadIsAProblemUntilTheLoopIsDeregistered() throws InterruptedException {
        Thread thread = new Thread(() -> {
        });
        thread.start();
        thread.join();
        workers.register("consumer y").runsOn(thread);
        assertThat(workers.problems()).containsKey("consumer y");
        workers.deregister("consumer y");
        assertThat(workers.problems()).isEmpty();
    }

    static Workers workers(Clock clock) {
        Workers workers = new Workers();
        workers.clock = clock;
        workers.config = new WorkersConfig() {
            @Override
            public Duration stuckAfter() {
                return Duration.ofMinutes(2);
            }

            @Override
            public Duration livenessGrace() {
                return Duration.ofMinutes(10);
            }
        };
        return workers;
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
