package io.canopy.registry.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.CollectionPurpose;
import io.canopy.contracts.events.CollectionRequested;
import io.canopy.contracts.events.VendorType;
import io.canopy.kit.api.Page;
import io.canopy.kit.api.ProblemException;
import io.canopy.registry.domain.InvalidField;
import io.canopy.registry.domain.VendorRules;
import io.canopy.registry.persistence.AccountEntity;
import io.canopy.registry.persistence.FeedEntity;
import io.canopy.registry.persistence.HealthCheck;
import io.canopy.registry.persistence.ServerEntity;
import io.quarkus.panache.common.Parameters;

/** The dealer's feeds (vendor customer → account) and manual collections. */
@ApplicationScoped
public class FeedService {

    public static final String DEFAULT_PAPER_BASIS = "letter";
    /** A manual window longer than this is a backfill job, not a button press. */
    public static final int MAX_MANUAL_WINDOW_DAYS = 366;

    @Inject
    Clock clock;

    @Inject
    CollectionRuns runs;

    /** A feed as created or changed; in an update null leaves a field as it is. */
    public record FeedInput(UUID accountId, UUID serverId, String externalId, LocalDate activationDate,
            String collectionScope, String paperBasis) {
    }

    public record Filter(UUID accountId, UUID serverId, String status) {
    }

    public Page<FeedEntity> list(UUID dealerId, Page.Request page, Filter filter) {
        StringBuilder query = new StringBuilder("dealerId = :dealer");
        Parameters params = Parameters.with("dealer", dealerId);
        if (filter.accountId() != null) {
            query.append(" and accountId = :account");
            params.and("account", filter.accountId());
        }
        if (filter.serverId() != null) {
            query.append(" and serverId = :server");
            params.and("server", filter.serverId());
        }
        if (filter.status() != null) { // checked where the query string is parsed (FeedResource)
            query.append(" and status = :status");
            params.and("status", filter.status());
        }
        List<FeedEntity> data = FeedEntity.find(query + " order by createdAt, id", params)
                .range(page.firstIndex(), page.lastIndex()).list();
        return page.of(data, FeedEntity.count(query.toString(), params));
    }

    public FeedEntity get(UUID dealerId, UUID id) {
        return FeedEntity.ofDealer(dealerId, id).orElseThrow(() -> ProblemException.notFound("feed", id));
    }

    /** For a change: the row stays locked until the transaction ends (outcomes update feeds concurrently). */
    private static FeedEntity getForUpdate(UUID dealerId, UUID id) {
        return FeedEntity.ofDealerForUpdate(dealerId, id).orElseThrow(() -> ProblemException.notFound("feed", id));
    }

    @Transactional
    public FeedEntity create(UUID dealerId, FeedInput input) {
        if (input.accountId() == null) {
            throw new InvalidField("account_id", "account_id is required");
        }
        if (input.serverId() == null) {
            throw new InvalidField("server_id", "server_id is required");
        }
        AccountEntity account = AccountEntity.ofDealer(dealerId, input.accountId())
                .orElseThrow(() -> new InvalidField("account_id", "account_id does not name one of your accounts"));
        ServerEntity server = ServerEntity.ofDealer(dealerId, input.serverId())
                .orElseThrow(() -> new InvalidField("server_id", "server_id does not name one of your servers"));
        VendorType vendor = server.vendor();
        Instant now = Now.of(clock);
        FeedEntity feed = new FeedEntity();
        feed.id = UUID.randomUUID();
        feed.dealerId = dealerId;
        feed.accountId = account.id;
        feed.serverId = server.id;
        feed.externalId = VendorRules.validateExternalId(vendor, input.externalId());
        // Printerpoint's own flow has no activation date: it starts at registration (vendor-apis.md),
        // which is registry's business today (DESIGN.md rule 12), so it is read at once below.
        LocalDate today = runs.businessToday();
        feed.activationDate = input.activationDate() != null ? input.activationDate() : today;
        feed.collectionScope = scope(vendor, input.collectionScope(), null);
        feed.paperBasis = paperBasis(input.paperBasis() == null ? DEFAULT_PAPER_BASIS : input.paperBasis());
        feed.status = FeedEntity.ACTIVE;
        feed.activatedAt = now;
        feed.health = HealthCheck.healthy();
        feed.createdAt = now;
        feed.updatedAt = now;
        requireNoOtherActiveFeed(feed);
        feed.persist();
        flushUniqueness();
        readBaselineAtOnce(dealerId, feed, vendor, account, server, today);
        return feed;
    }

    /**
     * A current-counter feed activated on registry's business today missed that day's night: its
     * counters are read now (purpose activation, in this transaction's outbox), so at most the hours
     * of the activation day before its creation are unknown. The request is the activation night's
     * (same window {@code [A-1, A)}, same id), so a run as of today that comes later adds nothing.
     * Paused servers and inactive accounts wait for the nightly run, like every other feed.
     */
    private void readBaselineAtOnce(UUID dealerId, FeedEntity feed, VendorType vendor, AccountEntity account,
            ServerEntity server, LocalDate today) {
        if (vendor.kind() != VendorType.Kind.CURRENT_COUNTERS || !feed.activationDate.equals(today)
                || !server.healthy() || !AccountEntity.ACTIVE.equals(account.status)) {
            return;
        }
        FeedTarget target = runs.target(dealerId, feed.id).orElseThrow(() -> ProblemException.notFound("feed", feed.id));
        runs.requestFor(target, target.watermark().baselineWindow(), CollectionPurpose.ACTIVATION, today);
    }

    /**
     * Changes a feed. Moving the activation date earlier collects the new history at the next run
     * (the watermark is reset to it); account, server and vendor customer cannot change: that is a
     * different feed.
     */
    @Transactional
    public FeedEntity update(UUID dealerId, UUID id, FeedInput changes) {
        FeedEntity feed = getForUpdate(dealerId, id);
        if (changes.accountId() != null && !changes.accountId().equals(feed.accountId)) {
            throw new InvalidField("account_id", "a feed's account cannot change; create a new feed instead");
        }
        if (changes.serverId() != null && !changes.serverId().equals(feed.serverId)) {
            throw new InvalidField("server_id", "a feed's server cannot change; create a new feed instead");
        }
        if (changes.externalId() != null && !changes.externalId().equals(feed.externalId)) {
            throw new InvalidField("external_id", "a feed's vendor customer cannot change; create a new feed instead");
        }
        VendorType vendor = ServerEntity.<ServerEntity> findById(feed.serverId).vendor();
        if (changes.activationDate() != null && !changes.activationDate().equals(feed.activationDate)) {
            if (feed.collectedThrough != null && changes.activationDate().isBefore(feed.collectedThrough)) {
                // history before the old activation date was never collected: start again from the new one
                feed.collectedThrough = null;
            }
            feed.activationDate = changes.activationDate();
        }
        if (changes.collectionScope() != null) {
            feed.collectionScope = scope(vendor, changes.collectionScope(), feed.collectionScope);
        }
        if (changes.paperBasis() != null) {
            feed.paperBasis = paperBasis(changes.paperBasis());
        }
        feed.updatedAt = Now.of(clock);
        return feed;
    }

    @Transactional
    public FeedEntity setActive(UUID dealerId, UUID id, boolean active) {
        FeedEntity feed = getForUpdate(dealerId, id);
        String wanted = active ? FeedEntity.ACTIVE : FeedEntity.INACTIVE;
        if (!wanted.equals(feed.status)) {
            if (active) {
                // before changing the row: the check's query would flush the change first
                requireNoOtherActiveFeed(feed);
            }
            Instant now = Now.of(clock);
            feed.status = wanted;
            if (active) {
                feed.activatedAt = now;
            } else {
                feed.deactivatedAt = now;
            }
            feed.updatedAt = now;
            flushUniqueness();
        }
        return feed;
    }

    @Transactional
    public void delete(UUID dealerId, UUID id) {
        getForUpdate(dealerId, id).delete();
    }

    /**
     * A manual collection: the given window, or by default everything not yet collected up to the
     * business "today". Written to the outbox in this transaction. Nothing a dealer sends moves
     * business time (DESIGN.md rule 12): the window must end on or before business today (400 naming
     * {@code to}), and the request carries business today as its {@code as_of}, never the window end.
     */
    @Transactional
    public CollectionRequested collect(UUID dealerId, UUID id, LocalDate from, LocalDate to) {
        FeedEntity feed = get(dealerId, id);
        if (!FeedEntity.ACTIVE.equals(feed.status)) {
            throw ProblemException.conflict("feed " + id + " is inactive; activate it first");
        }
        ServerEntity server = ServerEntity.findById(feed.serverId);
        if (!server.healthy()) {
            throw ProblemException.conflict("server " + server.id + " is unhealthy; collection resumes when a server check passes");
        }
        LocalDate today = runs.businessToday();
        LocalDate start = from != null ? from : feed.watermark().nextDay();
        LocalDate end = to != null ? to : today;
        if (end.isAfter(today)) {
            throw new InvalidField("to", "to " + end + " is after the business today " + today
                    + "; a manual window ends on or before it (only a nightly run moves business time)");
        }
        if (!start.isBefore(end)) {
            throw new InvalidField(from != null || to != null ? "to" : "from",
                    "nothing to collect: the window [" + start + ", " + end + ") is empty");
        }
        if (start.isBefore(feed.activationDate)) {
            throw new InvalidField("from", "from is before the feed's activation date " + feed.activationDate);
        }
        DateWindow window = DateWindow.of(start, end);
        if (window.lengthInDays() > MAX_MANUAL_WINDOW_DAYS) {
            throw new InvalidField("from", "a manual window is at most " + MAX_MANUAL_WINDOW_DAYS + " days");
        }
        FeedTarget target = runs.target(dealerId, id).orElseThrow(() -> ProblemException.notFound("feed", id));
        return runs.requestFor(target, window, CollectionPurpose.MANUAL, today);
    }

    private static void requireNoOtherActiveFeed(FeedEntity feed) {
        long clash = FeedEntity.count("serverId = ?1 and externalId = ?2 and status = 'active' and id <> ?3",
                feed.serverId, feed.externalId, feed.id);
        if (clash > 0) {
            throw ProblemException.conflict("vendor customer " + feed.externalId
                    + " already has an active feed on this server; one vendor customer maps to one active feed");
        }
    }

    /** The partial unique index settles races between two concurrent creates. */
    private static void flushUniqueness() {
        try {
            FeedEntity.flush();
        } catch (PersistenceException e) {
            throw ProblemException.conflict("this vendor customer already has an active feed on this server");
        }
    }

    private static String scope(VendorType vendor, String scope, String current) {
        if (!VendorRules.supportsCollectionScope(vendor)) {
            if (scope != null) {
                throw new InvalidField("collection_scope",
                        vendor.wireName() + " cannot restrict collection to managed devices; omit collection_scope");
            }
            return null;
        }
        if (scope == null) {
            return current == null ? "all" : current;
        }
        if (!scope.equals("all") && !scope.equals("managed_only")) {
            throw new InvalidField("collection_scope", "collection_scope must be all or managed_only");
        }
        return scope;
    }

    private static String paperBasis(String basis) {
        String normalised = basis.trim().toLowerCase();
        if (!normalised.equals("letter") && !normalised.equals("a4")) {
            throw new InvalidField("paper_basis", "paper_basis must be letter or a4");
        }
        return normalised;
    }
}
