package io.canopy.registry.service;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.canopy.kit.api.Page;
import io.canopy.kit.api.ProblemException;
import io.canopy.registry.domain.InvalidField;
import io.canopy.registry.persistence.AccountEntity;
import io.quarkus.panache.common.Parameters;

/** The dealer's customer accounts; every method is scoped to the calling dealer. */
@ApplicationScoped
public class AccountService {

    public static final String DEFAULT_TIME_ZONE = "UTC";

    @Inject
    Clock clock;

    /** Changes to an account; null leaves a field as it is. */
    public record AccountChanges(String name, UUID parentId, String timeZone) {
    }

    public Page<AccountEntity> list(UUID dealerId, Page.Request page, String status) {
        String query = "dealerId = :dealer" + (status == null ? "" : " and status = :status");
        Parameters params = Parameters.with("dealer", dealerId);
        if (status != null) {
            params.and("status", status); // checked where the query string is parsed (AccountResource)
        }
        var found = AccountEntity.find(query + " order by createdAt, id", params);
        List<AccountEntity> data = found.range(page.firstIndex(), page.lastIndex()).list();
        return page.of(data, AccountEntity.count(query, params));
    }

    public AccountEntity get(UUID dealerId, UUID id) {
        return AccountEntity.ofDealer(dealerId, id).orElseThrow(() -> ProblemException.notFound("account", id));
    }

    /** For a change: the row stays locked until the transaction ends (two changes take turns). */
    private static AccountEntity getForUpdate(UUID dealerId, UUID id) {
        return AccountEntity.ofDealerForUpdate(dealerId, id).orElseThrow(() -> ProblemException.notFound("account", id));
    }

    @Transactional
    public AccountEntity create(UUID dealerId, AccountChanges input, String status) {
        DealerService.requireKnown(dealerId);
        Instant now = Now.of(clock);
        AccountEntity account = new AccountEntity();
        account.id = UUID.randomUUID();
        account.dealerId = dealerId;
        account.name = input.name().trim();
        account.timeZone = zone(input.timeZone() == null ? DEFAULT_TIME_ZONE : input.timeZone());
        account.parentId = input.parentId() == null ? null : parent(dealerId, account.id, input.parentId());
        account.status = status == null ? AccountEntity.ACTIVE : validStatus(status);
        account.activatedAt = AccountEntity.ACTIVE.equals(account.status) ? now : null;
        account.deactivatedAt = AccountEntity.INACTIVE.equals(account.status) ? now : null;
        account.createdAt = now;
        account.updatedAt = now;
        account.persist();
        return account;
    }

    @Transactional
    public AccountEntity update(UUID dealerId, UUID id, AccountChanges changes) {
        AccountEntity account = getForUpdate(dealerId, id);
        if (changes.name() != null) {
            if (changes.name().isBlank()) {
                throw new InvalidField("name", "name must not be blank");
            }
            account.name = changes.name().trim();
        }
        if (changes.timeZone() != null) {
            account.timeZone = zone(changes.timeZone());
        }
        if (changes.parentId() != null) {
            account.parentId = parent(dealerId, account.id, changes.parentId());
        }
        account.updatedAt = Now.of(clock);
        return account;
    }

    /** Activating an active account (or deactivating an inactive one) changes nothing. */
    @Transactional
    public AccountEntity setActive(UUID dealerId, UUID id, boolean active) {
        AccountEntity account = getForUpdate(dealerId, id);
        String wanted = active ? AccountEntity.ACTIVE : AccountEntity.INACTIVE;
        if (!wanted.equals(account.status)) {
            Instant now = Now.of(clock);
            account.status = wanted;
            if (active) {
                account.activatedAt = now;
            } else {
                account.deactivatedAt = now;
            }
            account.updatedAt = now;
        }
        return account;
    }

    /** A parent must be another of the dealer's accounts and must not make a cycle. */
    private static UUID parent(UUID dealerId, UUID self, UUID parentId) {
        Set<UUID> seen = new HashSet<>();
        seen.add(self);
        UUID cursor = parentId;
        while (cursor != null) {
            if (!seen.add(cursor)) {
                throw new InvalidField("parent_id", "parent_id would make the account its own ancestor");
            }
            AccountEntity ancestor = AccountEntity.ofDealer(dealerId, cursor)
                    .orElseThrow(() -> new InvalidField("parent_id", "parent_id does not name one of your accounts"));
            cursor = ancestor.parentId;
        }
        return parentId;
    }

    static String zone(String timeZone) {
        try {
            return ZoneId.of(timeZone.trim()).getId();
        } catch (DateTimeException e) {
            throw new InvalidField("time_zone", "time_zone must be an IANA zone such as Europe/London");
        }
    }

    private static String validStatus(String status) {
        if (!AccountEntity.ACTIVE.equals(status) && !AccountEntity.INACTIVE.equals(status)) {
            throw new InvalidField("status", "status must be active or inactive");
        }
        return status;
    }
}
