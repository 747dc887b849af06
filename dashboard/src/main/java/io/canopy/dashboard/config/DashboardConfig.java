package io.canopy.dashboard.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code canopy.dashboard.*}: where the services are and how the session cookie is sealed. */
@ConfigMapping(prefix = "canopy.dashboard")
public interface DashboardConfig {

    /** Base URLs of the services whose public APIs the pages show (in-cluster Service URLs in Kubernetes). */
    Services services();

    interface Services {
        @WithDefault("http://127.0.0.1:8081")
        String registry();

        @WithDefault("http://127.0.0.1:8083")
        String metering();

        @WithDefault("http://127.0.0.1:8084")
        String health();

        @WithDefault("http://127.0.0.1:8085")
        String certificate();
    }

    /**
     * The AES-256 key (base64, 32 bytes) that seals session cookies. Every replica needs the same
     * one (a Kubernetes Secret). Unset: a random key per process, so sessions end at a restart.
     */
    Optional<String> sessionKey();

    /** Cookies only over HTTPS. Off for local runs on http://127.0.0.1 only. */
    @WithDefault("true")
    boolean secureCookies();

    /** How long a call to a service may take before the page says the service did not answer. */
    @WithDefault("20s")
    Duration callTimeout();
}
