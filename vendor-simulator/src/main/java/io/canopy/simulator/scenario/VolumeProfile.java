package io.canopy.simulator.scenario;

/**
 * Daily impressions of a device: a weekday and a weekend mean, yearly seasonality and noise.
 *
 * @param largeShare  share of impressions on large (A3/tabloid) paper, for A3-capable devices
 * @param colorShare  share of colour impressions
 * @param duplexShare share of impressions printed duplex (two impressions per duplex sheet)
 * @param seasonality amplitude of a yearly sine (0.1 = ±10 %)
 * @param noise       day-to-day variation (0.4 = ±40 %)
 */
public record VolumeProfile(
        double weekday,
        double weekend,
        double largeShare,
        double colorShare,
        double duplexShare,
        double seasonality,
        double noise) {

    public static final VolumeProfile OFFICE = new VolumeProfile(300, 10, 0.05, 0.3, 0.25, 0.1, 0.4);

    public VolumeProfile {
        requireShare(largeShare, "large_share");
        requireShare(colorShare, "color_share");
        requireShare(duplexShare, "duplex_share");
        requireShare(noise, "noise");
        requireShare(seasonality, "seasonality");
        if (weekday < 0 || weekend < 0) {
            throw new ScenarioException("profile means must not be negative");
        }
    }

    private static void requireShare(double value, String name) {
        if (value < 0 || value > 1) {
            throw new ScenarioException("profile " + name + " must be within [0, 1], got " + value);
        }
    }
}
