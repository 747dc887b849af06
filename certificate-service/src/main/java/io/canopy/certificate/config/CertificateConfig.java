package io.canopy.certificate.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.canopy.certificate.domain.ProjectChoice;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** certificate-service settings ({@code canopy.certificates.*}); every default is documented here. */
@ConfigMapping(prefix = "canopy.certificates")
public interface CertificateConfig {

    /**
     * Days after a month ends (in business time, the latest {@code as_of} seen) before it closes, so
     * late nightly data still lands in its own month (DESIGN.md "Month close and certificates").
     */
    @WithDefault("3")
    int closeAfterDays();

    /**
     * How long a month may wait, once due, for a feed of the account that has not collected through
     * its last day or has an open staleness episode touching it: after this many business days past
     * the nominal close date it closes anyway, and later pages go on the next certificate's
     * prior-period line (DESIGN.md "Month close and certificates").
     */
    @WithDefault("10")
    int maxHoldBusinessDays();

    /** Weekdays that are not business days when the maximum hold is counted. */
    @WithDefault("SATURDAY,SUNDAY")
    Set<DayOfWeek> weekend();

    /** Holidays skipped when the maximum hold is counted (ISO dates, comma-separated; none by default). */
    Optional<Set<LocalDate>> holidays();

    /** Standard pages per tree (one tree yields about 8,333 letter sheets). */
    @WithDefault("8333")
    long pagesPerTree();

    /** Whether a closed month whose pages add up to zero still gets a (zero-tree) certificate. */
    @WithDefault("false")
    boolean issueWithoutPages();

    /**
     * Forestry projects certificates fund, comma-separated. The defaults are placeholders: a
     * deployment lists the projects its programme actually plants with.
     */
    @WithDefault("Mangrove restoration in Mahajanga (Madagascar),Atlantic Forest restoration in Bahia (Brazil),Upper Mississippi floodplain reforestation (USA)")
    List<String> forestryProjects();

    /** {@code round-robin} (in turn, in issue order) or {@code per-dealer} (one project per dealer). */
    @WithDefault("round-robin")
    ProjectChoice projectChoice();

    /** For {@code per-dealer}: a dealer's project by dealer id; others get a stable pick from the list. */
    Map<String, String> dealerProjects();

    /**
     * How often the closer looks for due months. It only decides when to look: whether a month is
     * due is decided by business time (rule 12). Read by the scheduler as
     * {@code ${canopy.certificates.close-check-interval}}.
     */
    @WithDefault("60s")
    Duration closeCheckInterval();

    /** Public base URL of this service, for the verification link printed on certificates. */
    @WithDefault("http://localhost:8085")
    String publicUrl();
}
