package io.canopy.registry.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** registry-service settings ({@code canopy.registry.*}); every default is documented here. */
@ConfigMapping(prefix = "canopy.registry")
public interface RegistryConfig {

    /** Vendor URLs must be https:// in production; the local stack and tests allow http://. */
    @WithDefault("false")
    boolean allowInsecureHttp();

    /**
     * {@code host:port} entries (comma-separated) a server URL may point at although they are
     * internal addresses: local runs, where the vendor simulator listens on 127.0.0.1. The same list
     * as collector's ({@code CANOPY_COLLECTOR_ALLOWED_PRIVATE_HOSTS}, mapped in application.properties);
     * unset in production, so every loopback, private, link-local, unique-local, multicast or
     * unspecified address is refused.
     */
    Optional<String> allowedPrivateHosts();

    Auth auth();

    Nightly nightly();

    ServerCheck serverCheck();

    interface Auth {
        /** {@code iss} of the dealer JWTs every service verifies (service-kit README). */
        @WithDefault("canopy-registry")
        String issuer();

        /** Lifetime of a dealer JWT: short, since it is verified without asking registry. */
        @WithDefault("15m")
        Duration tokenLifetime();
    }

    interface Nightly {
        /**
         * Quartz-style cron of the nightly run, in UTC (default 02:00 every day); {@code off}
         * disables it (tests run nights with {@code POST /admin/v1/collection-runs}). Read by the
         * scheduler as {@code canopy.registry.nightly.cron}.
         */
        @WithDefault("0 0 2 * * ?")
        String cron();

        /**
         * Days before the watermark every nightly window reaches back, so uploads that arrive late at
         * a history vendor (Print Tracker meters, OneStop and Printanista day totals) are collected
         * too; longer gaps are health-service's backfills.
         */
        @WithDefault("3")
        int lookbackDays();
    }

    interface ServerCheck {
        /** How often an unhealthy server is checked again until a check passes (DESIGN.md "Health"). */
        @WithDefault("30m")
        Duration interval();

        /** How often registry looks for servers whose check is due; read as {@code canopy.registry.server-check.poll-every}. */
        @WithDefault("60s")
        Duration pollEvery();
    }
}
