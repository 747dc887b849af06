package io.canopy.kit.time;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.canopy.contracts.events.CanopyEvent;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Each dealer's business today, kept in table {@code dealer_business_day} (the kit's repeatable
 * migration) by the rule of {@link BusinessTime}: only nightly evidence moves it, forward only.
 * Every method runs in the caller's transaction (the consumer's, so the move commits with the
 * message id and its effect, DESIGN.md rule 3).
 *
 * <p>An event beyond its dealer's today that is not nightly evidence is counted
 * ({@code canopy_business_time_beyond_today_total{service,event}}) and logged by type, id, dealer
 * and date only — never its payload.
 */
@ApplicationScoped
public class DealerBusinessTime {

    private static final Logger LOG = Logger.getLogger(DealerBusinessTime.class);

    @Inject
    Instance<DataSource> dataSource;

    @Inject
    MeterRegistry metrics;

    /**
     * Applies one consumed event's evidence for its dealer.
     *
     * @param service the consuming service, for the metric
     * @return the dealer's business today after this event (empty before its first night)
     */
    public Optional<LocalDate> observe(String service, CanopyEvent event, UUID dealerId, LocalDate asOf) {
        Optional<LocalDate> today = today(dealerId);
        Optional<LocalDate> night = BusinessTime.nightlyAsOf(event);
        switch (BusinessTime.effect(today, asOf, night.isPresent())) {
            case ADVANCES:
                return Optional.of(advance(dealerId, asOf));
            case BEYOND_TODAY:
                String type = event.getClass().getSimpleName();
                metrics.counter("canopy.business_time.beyond_today", "service", service, "event", type).increment();
                LOG.warnf("%s %s of dealer %s is dated %s, beyond the dealer's business today %s: it does not move"
                        + " business time (only a nightly run does)", type, event.eventId(), dealerId, asOf,
                        today.map(LocalDate::toString).orElse("(no night yet)"));
                return today;
            default:
                return today;
        }
    }

    /** The dealer's business today: the latest nightly as_of seen, empty before its first night. */
    public Optional<LocalDate> today(UUID dealerId) {
        return query("SELECT today FROM dealer_business_day WHERE dealer_id = ?", dealerId).values().stream().findFirst();
    }

    /** Every dealer's business today, by dealer id. */
    public Map<UUID, LocalDate> all() {
        return query("SELECT today, dealer_id FROM dealer_business_day ORDER BY dealer_id", null);
    }

    /** Moves the dealer's today forward to {@code asOf} (never back); returns today. Nightly evidence only. */
    public LocalDate advance(UUID dealerId, LocalDate asOf) {
        String sql = """
                INSERT INTO dealer_business_day (dealer_id, today) VALUES (?, ?)
                ON CONFLICT (dealer_id) DO UPDATE SET today = GREATEST(dealer_business_day.today, EXCLUDED.today),
                    updated_at = CASE WHEN EXCLUDED.today > dealer_business_day.today THEN now()
                                      ELSE dealer_business_day.updated_at END
                RETURNING today""";
        try (Connection c = dataSource.get().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, dealerId);
            ps.setDate(2, Date.valueOf(asOf));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getDate(1).toLocalDate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot move business time of dealer " + dealerId + ": " + e.getMessage(), e);
        }
    }

    private Map<UUID, LocalDate> query(String sql, UUID dealerId) {
        Map<UUID, LocalDate> days = new LinkedHashMap<>();
        try (Connection c = dataSource.get().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (dealerId != null) {
                ps.setObject(1, dealerId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.put(dealerId != null ? dealerId : rs.getObject(2, UUID.class), rs.getDate(1).toLocalDate());
                }
            }
            return days;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read business time: " + e.getMessage(), e);
        }
    }
}
