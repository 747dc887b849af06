package io.canopy.registry.config;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.canopy.contracts.sealing.CredentialSealer;
import io.canopy.kit.net.OutboundAddresses;
import io.canopy.kit.sealing.SealingConfig;
import io.quarkus.runtime.Startup;

/** Producers of the plain-Java collaborators the services use. */
@ApplicationScoped
public class Beans {

    /** Wall-clock time only stamps rows and decides when schedulers fire; business time comes from as_of. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Fails at startup when the active key is missing or malformed, not at the first server registration. */
    @Produces
    @Singleton
    @Startup
    CredentialSealer sealer(SealingConfig config) {
        return new CredentialSealer(config.keys(), config.activeKey());
    }

    /** The SSRF guard for dealer-supplied server URLs; a malformed allow-list fails at startup. */
    @Produces
    @Singleton
    @Startup
    OutboundAddresses outboundAddresses(CollectorClientConfig config) {
        return OutboundAddresses.allowing(config.allowedPrivateHosts().orElse(""));
    }
}
