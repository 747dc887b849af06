package io.canopy.metering.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.canopy.contracts.arithmetic.Trees;
import io.canopy.metering.domain.Metering;

/**
 * Metering's plain-Java domain objects, built from configuration in one place: the use case and the
 * API only inject them, so how config shapes a rule is read here and nowhere else.
 */
@ApplicationScoped
public class DomainWiring {

    /** The arithmetic from readings to deposits, with the configured plausibility and rollover rules. */
    @Produces
    @Singleton
    Metering metering(MeteringConfig config) {
        return new Metering(config.rules());
    }

    /** Pages to trees ({@code canopy.metering.pages-per-tree}), for the volume API. */
    @Produces
    @Singleton
    Trees trees(MeteringConfig config) {
        return new Trees(config.pagesPerTree());
    }
}
