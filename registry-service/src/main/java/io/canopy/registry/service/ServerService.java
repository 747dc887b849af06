package io.canopy.registry.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.canopy.contracts.events.SealedCredentials;
import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.sealing.CredentialSealer;
import io.canopy.kit.api.Page;
import io.canopy.kit.api.ProblemException;
import io.canopy.kit.net.OutboundAddresses;
import io.canopy.registry.client.CollectorApi;
import io.canopy.registry.client.CollectorGateway;
import io.canopy.registry.config.RegistryConfig;
import io.canopy.registry.domain.InvalidField;
import io.canopy.registry.domain.VendorRules;
import io.canopy.registry.persistence.FeedEntity;
import io.canopy.registry.persistence.HealthCheck;
import io.canopy.registry.persistence.ServerEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Parameters;

/**
 * The dealer's servers. Credentials are shape-checked, then checked against the vendor through
 * collector-service, then sealed; only the sealed envelope is stored. The vendor call happens
 * outside any database transaction.
 */
@ApplicationScoped
public class ServerService {

    public static final int DEFAULT_MAX_CONCURRENCY = 1;
    /** More parallel requests than this to one dealer's server would look like an attack to its operator. */
    public static final int MAX_CONCURRENCY_LIMIT = 16;
    public static final int MAX_CONTACT_LENGTH = 500;

    @Inject
    Clock clock;

    @Inject
    RegistryConfig config;

    @Inject
    CollectorGateway collector;

    @Inject
    CredentialSealer sealer;

    @Inject
    OutboundAddresses outbound;

    /** A server as registered or changed; in an update null leaves a field as it is. */
    public record ServerInput(String type, String url, Map<String, String> credentials, String contact,
            Integer maxConcurrency) {
        @Override
        public String toString() {
            return "ServerInput[type=" + type + ", url=" + url + ", credentials=<redacted>]";
        }
    }

    public Page<ServerEntity> list(UUID dealerId, Page.Request page, String type) {
        String query = "dealerId = :dealer" + (type == null ? "" : " and type = :type");
        Parameters params = Parameters.with("dealer", dealerId);
        if (type != null) {
            params.and("type", vendor(type).wireName());
        }
        List<ServerEntity> data = ServerEntity.find(query + " order by createdAt, id", params)
                .range(page.firstIndex(), page.lastIndex()).list();
        return page.of(data, ServerEntity.count(query, params));
    }

    public ServerEntity get(UUID dealerId, UUID id) {
        return ServerEntity.ofDealer(dealerId, id).orElseThrow(() -> ProblemException.notFound("server", id));
    }

    /** For a change: the row stays locked until the transaction ends (health events update servers concurrently). */
    private static ServerEntity getForUpdate(UUID dealerId, UUID id) {
        return ServerEntity.ofDealerForUpdate(dealerId, id).orElseThrow(() -> ProblemException.notFound("server", id));
    }

    public ServerEntity create(UUID dealerId, ServerInput input) {
        DealerService.requireKnown(dealerId);
        if (input.type() == null) {
            throw new InvalidField("type", "type is required");
        }
        VendorType vendor = vendor(input.type());
        String url = VendorRules.serverUrl(vendor, input.url(), config.allowInsecureHttp());
        if (input.url() != null && !input.url().isBlank()) {
            requirePublicHost(url);
        }
        Map<String, String> credentials = VendorRules.validateCredentials(vendor, input.credentials());
        String contact = contact(input.contact());
        int maxConcurrency = maxConcurrency(input.maxConcurrency());
        UUID id = UUID.randomUUID();
        collector.check(vendor, url, id, credentials);
        SealedCredentials sealed = sealer.seal(id, credentials);
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = Now.of(clock);
            ServerEntity server = new ServerEntity();
            server.id = id;
            server.dealerId = dealerId;
            server.type = vendor.wireName();
            server.url = url;
            server.seal(sealed);
            server.contact = contact;
            server.maxConcurrency = maxConcurrency;
            // the vendor just accepted the credentials: that is a passed check
            server.health = HealthCheck.passedAt(now);
            server.createdAt = now;
            server.updatedAt = now;
            server.persist();
            return server;
        });
    }

    /**
     * Changes a server. New credentials or a new URL are checked against the vendor first; the type
     * cannot change. Stored credentials follow a URL change (sealed) only when the scheme, host and
     * port stay: a new host or port needs the credentials typed again, so a URL-only PATCH can never
     * make collector send them somewhere else.
     */
    public ServerEntity update(UUID dealerId, UUID id, ServerInput input) {
        ServerEntity current = get(dealerId, id);
        VendorType vendor = current.vendor();
        if (input.type() != null && !input.type().equals(current.type)) {
            throw new InvalidField("type", "a server's type cannot change; register a new server instead");
        }
        String url = input.url() == null ? current.url : VendorRules.serverUrl(vendor, input.url(), config.allowInsecureHttp());
        boolean urlChanged = !url.equals(current.url);
        if (urlChanged) {
            requirePublicHost(url);
            if (input.credentials() == null && !VendorRules.sameOrigin(current.url, url)) {
                throw new InvalidField("credentials", "a new host or port needs the server's credentials again: "
                        + "stored credentials are never sent to another host");
            }
        }
        String contact = input.contact() == null ? null : contact(input.contact());
        Integer maxConcurrency = input.maxConcurrency() == null ? null : maxConcurrency(input.maxConcurrency());
        SealedCredentials sealed = null;
        if (input.credentials() != null) {
            Map<String, String> credentials = VendorRules.validateCredentials(vendor, input.credentials());
            collector.check(vendor, url, id, credentials);
            sealed = sealer.seal(id, credentials);
        } else if (urlChanged) {
            collector.checkSealed(vendor, url, id, current.sealedCredentials());
        }
        SealedCredentials newSeal = sealed;
        return QuarkusTransaction.requiringNew().call(() -> {
            ServerEntity server = getForUpdate(dealerId, id);
            server.url = url;
            if (newSeal != null) {
                server.seal(newSeal);
            }
            if (contact != null) {
                server.contact = contact;
            }
            if (maxConcurrency != null) {
                server.maxConcurrency = maxConcurrency;
            }
            server.updatedAt = Now.of(clock);
            return server;
        });
    }

    /** A server with feeds cannot go: its feeds' history would point nowhere. Delete the feeds first. */
    @Transactional
    public void delete(UUID dealerId, UUID id) {
        ServerEntity server = getForUpdate(dealerId, id);
        long feeds = FeedEntity.count("serverId", id);
        if (feeds > 0) {
            throw ProblemException.conflict("server " + id + " still has " + feeds + " feed(s); delete them first");
        }
        server.delete();
    }

    public List<CollectorApi.CustomerEntry> customers(UUID dealerId, UUID id) {
        ServerEntity server = get(dealerId, id);
        return collector.customers(server.vendor(), server.url, server.id, server.sealedCredentials());
    }

    /**
     * SSRF guard (issue #17): a dealer-supplied host must not resolve to an internal address, unless
     * it is on the allow-list of local runs. Runs before any call to collector or the vendor;
     * collector checks again at connect time, on the address it actually dials.
     */
    private void requirePublicHost(String url) {
        VendorRules.Origin origin = VendorRules.Origin.of(url);
        try {
            outbound.check(origin.host(), origin.port());
        } catch (OutboundAddresses.Refused e) {
            throw new InvalidField("url", "url is not allowed: " + e.getMessage());
        }
    }

    static VendorType vendor(String type) {
        try {
            return VendorType.fromWireName(type);
        } catch (IllegalArgumentException e) {
            throw new InvalidField("type", e.getMessage());
        }
    }

    private static String contact(String contact) {
        if (contact != null && contact.length() > MAX_CONTACT_LENGTH) {
            throw new InvalidField("contact", "contact is longer than " + MAX_CONTACT_LENGTH + " characters");
        }
        return contact;
    }

    private static int maxConcurrency(Integer value) {
        int concurrency = value == null ? DEFAULT_MAX_CONCURRENCY : value;
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY_LIMIT) {
            throw new InvalidField("max_concurrency", "max_concurrency must be between 1 and " + MAX_CONCURRENCY_LIMIT);
        }
        return concurrency;
    }
}
