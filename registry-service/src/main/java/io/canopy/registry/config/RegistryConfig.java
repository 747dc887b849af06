package io.canopy.registry.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** registry-service settings ({@code canopy.registry.*}); every default is documented here. */
@ConfigMapping(prefix = "canopy.registry")
public interface RegistryConfig {

    /** Vendor URLs must be https:// in production; the local stack and tests allow http://. */
    @WithDefault("false")
    boolean allowInsecureHttp();

    Auth auth();

    Nightly nightly();

    ServerCheck serverCheck();

    Users users();

    interface Auth {
        /** {@code iss} of the dealer JWTs every service verifies (service-kit README). */
        @WithDefault("canopy-registry")
        String issuer();

        /** Lifetime of a dealer JWT: short, since it is verified without asking registry. */
        @WithDefault("15m")
        Duration tokenLifetime();

        /**
         * {@code aud} of every dealer JWT; every service verifies it ({@code mp.jwt.verify.audiences}),
         * so a token minted for something else with the same key is refused.
         */
        @WithDefault("canopy")
        String audience();

        /**
         * {@code kid} of the current signing key (the private key at {@code smallrye.jwt.sign.key.location},
         * env {@code CANOPY_JWT_PRIVATE_KEY}); env {@code CANOPY_REGISTRY_AUTH_KEY_ID}. Change it with the key.
         */
        @WithDefault("k1")
        String keyId();

        /**
         * Public keys of earlier signers that still verify during a rotation: kid → PEM location (file
         * path or classpath), e.g. env {@code CANOPY_REGISTRY_AUTH_PREVIOUS_KEYS_K0=/etc/canopy/jwt-previous/public.pem}.
         * Served in the JWKS next to the current key; drop one once its last token has expired
         * (token lifetime after the switch).
         */
        Map<String, String> previousKeys();
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

    interface Users {
        /**
         * bcrypt cost of new password hashes (2^cost rounds); stored in each hash, so raising it affects new
         * ones only. 10 (OWASP's floor) costs ~0.3 s of CPU per sign-in on our shared 2-core machine, 12 ~1.1 s:
         * every sign-in, even for an unknown email, pays one hash, so this is also the price of a login flood.
         */
        @WithDefault("10")
        int bcryptCost();

        /** Wrong passwords in a row for one email before it is locked (issue #19). */
        @WithDefault("5")
        int maxFailedSignIns();

        /** How long such an email is locked: every attempt is refused with 429 and Retry-After meanwhile. */
        @WithDefault("15m")
        Duration signInLock();

        /** How long an invitation token can be accepted. */
        @WithDefault("7d")
        Duration invitationLifetime();
    }
}
