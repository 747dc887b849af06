package io.canopy.health.config;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.canopy.contracts.arithmetic.BusinessCalendar;
import io.canopy.health.domain.HealthPolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code canopy.health.*}: the thresholds of DESIGN.md "Health" and when the sweep runs. */
@ConfigMapping(prefix = "canopy.health")
public interface HealthConfig {

    /** Business days without new data before a feed is unhealthy (reason STALE_DATA). */
    @WithDefault("3")
    int staleAfterBusinessDays();

    /** Consecutive nights whose collections of a feed all failed before it is unhealthy (COLLECTION_FAILING). */
    @WithDefault("3")
    int failingAfterNights();

    /** Days that are not business days, every week. */
    @WithDefault("SATURDAY,SUNDAY")
    List<DayOfWeek> weekend();

    /** Holidays (ISO dates, comma-separated), skipped like weekends, as dates in each account's zone. */
    Optional<List<LocalDate>> holidays();

    /** Zone of a feed whose events carry none (older producers, feeds seen only through deposits). */
    @WithDefault("UTC")
    ZoneId defaultTimeZone();

    /**
     * How often every feed is judged again against its dealer's latest as_of, so a feed that gets
     * no events at all still goes stale: a duration ({@code 1h}, {@code 15m}) or {@code off}. Read by
     * the scheduler of {@code HealthSweep}.
     */
    @WithDefault("1h")
    String evaluationInterval();

    default HealthPolicy policy() {
        Set<LocalDate> days = new HashSet<>(holidays().orElse(List.of()));
        return new HealthPolicy(new BusinessCalendar(Set.copyOf(weekend()), days), staleAfterBusinessDays(),
                failingAfterNights());
    }
}
