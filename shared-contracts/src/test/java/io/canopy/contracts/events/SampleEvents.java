package io.canopy.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.arithmetic.PaperBasis;
import io.canopy.contracts.identity.DeterministicIds;

/** One fully populated instance of every event type, for schema and round-trip tests. */
public final class SampleEvents {

    static final UUID DEALER = UUID.fromString("0b6b3c1e-3f0e-4a53-9a57-1f6f2f7f0a01");
    static final UUID ACCOUNT = UUID.fromString("4f1c8e2a-9d0b-4c1e-8f3a-2b7c6d5e4f02");
    static final UUID FEED = UUID.fromString("7a2d9f4b-1e3c-4b5a-9c8d-3e2f1a0b9c03");
    static final UUID SERVER = UUID.fromString("9c3e0a5d-2f4b-4c6a-8d9e-4f3a2b1c0d04");
    static final LocalDate AS_OF = LocalDate.of(2026, 3, 5);
    static final Instant AT = Instant.parse("2026-03-05T02:00:00Z");
    static final DateWindow WINDOW = DateWindow.of(LocalDate.of(2026, 3, 4), AS_OF);
    static final UUID REQUEST = DeterministicIds.collectionRequest(FEED, WINDOW, CollectionPurpose.NIGHTLY);

    private SampleEvents() {
    }

    public static List<CanopyEvent> all() {
        return List.of(
                new CollectionRequested(REQUEST, DEALER, SERVER, FEED, ACCOUNT, VendorType.MPS_MONITOR,
                        "https://api.abassetmanagement.com", new SealedCredentials("k1", "AES-256-GCM", "bm9wZQ=="),
                        "EA45CEF3D8EF6D0F", CollectionScope.MANAGED_ONLY, "Europe/London", WINDOW,
                        CollectionPurpose.NIGHTLY, AS_OF, 1, AT, PaperBasis.A4, "Acorn Dental"),
                new MeterSnapshot(DeterministicIds.meterSnapshot(VendorType.PRINTERPOINT, SERVER, "A-1", AT), REQUEST,
                        DEALER, ACCOUNT, FEED, SERVER, VendorType.PRINTERPOINT, "A-1", true, AT, 120_345L, 2_001L,
                        9_876_543_210L, "meters", AS_OF),
                new UsageAggregate(DeterministicIds.usageAggregate(FEED, WINDOW.from(), REQUEST), REQUEST, DEALER,
                        ACCOUNT, FEED, SERVER, VendorType.PRINTANISTA, WINDOW.from(), 1_200, 40, 300, 12,
                        WINDOW.from(), AS_OF),
                new CollectionCompleted(REQUEST, DEALER, ACCOUNT, FEED, SERVER, WINDOW, CollectionPurpose.NIGHTLY, 10,
                        0, AS_OF, AT, "Europe/London", PaperBasis.A4, "Acorn Dental"),
                new CollectionSucceeded(REQUEST, DEALER, ACCOUNT, FEED, SERVER, VendorType.PRINT_TRACKER, WINDOW,
                        CollectionPurpose.NIGHTLY, AS_OF, 10, 0, 10, AT.minusSeconds(3600), null, 1,
                        Map.of("blank", 2), AT, "America/Chicago"),
                new CollectionFailed(REQUEST, DEALER, ACCOUNT, FEED, SERVER, VendorType.ONESTOP, WINDOW,
                        CollectionPurpose.BACKFILL, AS_OF, FailureKind.RATE_LIMITED, "429 after 4 attempts", 429, 4,
                        AT, null),
                new ServerCheckPassed(DeterministicIds.serverCheck(SERVER, AT), DEALER, SERVER, VendorType.ONESTOP,
                        AS_OF, AT),
                new ServerCheckFailed(DeterministicIds.serverCheck(SERVER, AT), DEALER, SERVER, VendorType.ONESTOP,
                        AS_OF, FailureKind.AUTH_REJECTED, "invalid_grant", 400, AT),
                new RejectedPayload(REQUEST, DEALER, FEED, SERVER, VendorType.PRINT_TRACKER,
                        "/v1/entity/5f1e0c/meter", "value is not a number", "[{\"id\":", 7, false, AT),
                new DepositRecorded(DeterministicIds.deposit(FEED, WINDOW.from(), REQUEST), DEALER, ACCOUNT, FEED,
                        WINDOW.from(), 1_234, 1_234, DepositKind.REGULAR, REQUEST, AS_OF, AT, "Acorn Dental"),
                new FeedHealthChanged(DEALER, ACCOUNT, FEED, SERVER, HealthStatus.UNHEALTHY,
                        FeedHealthReason.STALE_DATA, LocalDate.of(2026, 2, 27), AS_OF, AT),
                new ServerHealthChanged(DEALER, SERVER, HealthStatus.UNHEALTHY, FailureKind.UNREACHABLE,
                        "connection refused", AS_OF, AT),
                new BackfillRequested(DeterministicIds.backfill(FEED, LocalDate.of(2026, 3, 2)), DEALER, ACCOUNT, FEED,
                        SERVER, DateWindow.of(LocalDate.of(2026, 3, 2), AS_OF), AS_OF, AT),
                new CertificateIssued(DeterministicIds.certificate(ACCOUNT, java.time.YearMonth.of(2026, 2)), DEALER,
                        ACCOUNT, "2026-02", 2_469_000, 134, 2_469_134, new BigDecimal("296.31"),
                        "Eden Reforestation, Madagascar", 28, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        AS_OF, AT, "Acorn Dental"));
    }
}
