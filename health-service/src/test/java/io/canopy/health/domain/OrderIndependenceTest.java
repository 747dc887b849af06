package io.canopy.health.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.canopy.contracts.arithmetic.BusinessCalendar;
import io.canopy.contracts.events.BackfillRequested;
import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.FeedHealthChanged;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Health is a function of the set of events, not of their arrival order: random histories of one
 * feed and its server (successes with and without new data, late readings, feed and server
 * failures, server checks, deposits), replayed in order, shuffled and with every event twice.
 */
class OrderIndependenceTest {

    static final ZoneId ZONE = ZoneId.of("America/Denver");
    static final LocalDate FIRST = LocalDate.of(2026, 3, 2);
    static final int DAYS = 30;

    final HealthRules rules = new HealthRules(
            new HealthPolicy(BusinessCalendar.weekendsAnd(Set.of(LocalDate.of(2026, 3, 17))), 3, 3));
    final FeedTimeline timeline = new FeedTimeline(
            new HealthPolicy(BusinessCalendar.weekendsAnd(Set.of(LocalDate.of(2026, 3, 17))), 3, 3));
    final FeedKey feed = new FeedKey(UUID.fromString("00000000-0000-0000-0000-00000000000f"),
            UUID.fromString("00000000-0000-0000-0000-00000000000d"), UUID.fromString("00000000-0000-0000-0000-00000000000a"),
            UUID.fromString("00000000-0000-0000-0000-000000000005"));

    /** One consumed event, reduced to what health keeps of it. */
    record Fact(LocalDate asOf, FeedNight night, ServerSignal server) {
    }

    @Provide
    Arbitrary<List<Fact>> histories() {
        Arbitrary<Fact> fact = Combinators.combine(Arbitraries.integers().between(0, DAYS - 1),
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(1, 6),
                Arbitraries.integers().between(0, 23 * 60)).as((day, kind, lag, minute) -> fact(FIRST.plusDays(day), kind, lag, minute));
        return fact.list().ofMinSize(1).ofMaxSize(60);
    }

    static Fact fact(LocalDate asOf, int kind, int lag, int minute) {
        Instant moment = asOf.atStartOfDay(ZONE).toInstant().plusSeconds(60L * minute);
        Instant reading = asOf.minusDays(lag).atStartOfDay(ZONE).toInstant().plusSeconds(60L * minute);
        return switch (kind) {
            case 0 -> new Fact(asOf, FeedNight.succeeded(asOf, reading, null), ServerSignal.passed(asOf, moment));
            case 1 -> new Fact(asOf, FeedNight.succeeded(asOf, null, null), ServerSignal.passed(asOf, moment));
            case 2 -> new Fact(asOf, FeedNight.failed(asOf, true), null);
            case 3 -> new Fact(asOf, FeedNight.failed(asOf, false),
                    ServerSignal.failed(asOf, moment, FailureKind.UNREACHABLE, "refused"));
            case 4 -> new Fact(asOf, null, lag % 2 == 0 ? ServerSignal.passed(asOf, moment)
                    : ServerSignal.failed(asOf, moment, FailureKind.AUTH_REJECTED, "401"));
            default -> new Fact(asOf, FeedNight.dataDay(asOf, asOf.minusDays(lag)), null);
        };
    }

    /** Health's state over a stream of facts: what is stored, what was published. */
    final class Replay {
        final List<FeedNight> nights = new ArrayList<>();
        final List<ServerSignal> signals = new ArrayList<>();
        LocalDate today;
        FeedVerdict published = FeedVerdict.HEALTHY;
        final Set<UUID> requested = new HashSet<>();
        final List<BackfillRequested> backfills = new ArrayList<>();
        final List<FeedHealthChanged> changes = new ArrayList<>();

        void apply(Fact fact) {
            today = today == null || fact.asOf().isAfter(today) ? fact.asOf() : today;
            if (fact.night() != null) {
                nights.add(fact.night());
            }
            if (fact.server() != null) {
                signals.add(fact.server());
            }
            if (nights.isEmpty()) {
                return;
            }
            FeedDecision decision = rules.decideFeed(feed, ZONE, nights, ServerHistory.of(signals), today, published,
                    requested, Instant.EPOCH).orElseThrow();
            decision.backfills().forEach(b -> {
                requested.add(b.backfillId());
                backfills.add(b);
            });
            decision.healthChange().ifPresent(c -> {
                published = new FeedVerdict(c.status(), c.reason());
                changes.add(c);
            });
        }

        FeedAssessment finalAssessment() {
            return nights.isEmpty() ? null : timeline.assess(nights, ServerHistory.of(signals), ZONE, today);
        }
    }

    Replay replay(List<Fact> facts) {
        Replay replay = new Replay();
        facts.forEach(replay::apply);
        return replay;
    }

    @Property(tries = 300)
    void shuffledEventsEndInTheSameHealth(@ForAll("histories") List<Fact> facts, @ForAll long seed) {
        List<Fact> inOrder = new ArrayList<>(facts);
        inOrder.sort((a, b) -> a.asOf().compareTo(b.asOf()));
        List<Fact> shuffled = new ArrayList<>(facts);
        Collections.shuffle(shuffled, new Random(seed));

        Replay ordered = replay(inOrder);
        Replay random = replay(shuffled);

        assertThat(random.finalAssessment()).isEqualTo(ordered.finalAssessment());
        assertThat(random.published).as("the last published verdict is the verdict").isEqualTo(ordered.published);
        if (ordered.finalAssessment() != null) {
            assertThat(ordered.published).isEqualTo(ordered.finalAssessment().verdict());
            for (Replay r : List.of(ordered, random)) {
                Set<UUID> episodeBackfills = new HashSet<>();
                r.finalAssessment().backfillingEpisodes().forEach(e -> episodeBackfills.add(e.backfillId(feed.feedId())));
                assertThat(r.requested).as("every recovered episode got its backfill").containsAll(episodeBackfills);
                assertThat(r.backfills).extracting(BackfillRequested::backfillId).doesNotHaveDuplicates();
            }
        }
    }

    @Property(tries = 200)
    void everyEventDeliveredTwicePublishesNothingMore(@ForAll("histories") List<Fact> facts) {
        List<Fact> inOrder = new ArrayList<>(facts);
        inOrder.sort((a, b) -> a.asOf().compareTo(b.asOf()));
        List<Fact> twice = new ArrayList<>();
        inOrder.forEach(f -> {
            twice.add(f);
            twice.add(f);
        });

        Replay once = replay(inOrder);
        Replay doubled = replay(twice);

        assertThat(doubled.finalAssessment()).isEqualTo(once.finalAssessment());
        assertThat(doubled.backfills).isEqualTo(once.backfills);
        assertThat(doubled.changes).isEqualTo(once.changes);
    }
}
