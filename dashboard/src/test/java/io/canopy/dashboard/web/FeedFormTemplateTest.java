package io.canopy.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.vendors.ValueFormat;
import io.canopy.contracts.vendors.VendorDescriptor;
import io.canopy.dashboard.session.Session;
import io.quarkus.qute.Template;
import io.quarkus.test.junit.QuarkusTest;

/** The feed form is built from the vendor's descriptor: its customer list or id format, history, scope. */
@QuarkusTest
class FeedFormTemplateTest {

    @Inject
    Template feedNew;

    private String render(VendorDescriptor vendor, List<Map<String, Object>> customers) {
        return FeedPages.form(feedNew, new Session("t", "ana@dealer.example", "admin", "csrf", Instant.now()),
                Map.of("id", "s1", "url", "https://example.test"), vendor, customers, null, List.of(), Map.of(), null,
                LocalDate.of(2026, 3, 1)).render();
    }

    @Test
    void aVendorThatListsItsCustomersOffersThemInADropdown() {
        String page = render(VendorDescriptor.of(VendorType.PRINT_TRACKER),
                List.of(Map.of("external_id", "60a1b2c3d4e5f60718293a4b", "name", "Elm Street School")));
        assertThat(page).contains("<select id=\"external_id\"", "Elm Street School", "history will be synced back",
                "name=\"collection_scope\"");
    }

    @Test
    void aVendorWithoutDiscoveryOrHistoryAsksForTheIdInItsFormat() {
        VendorDescriptor base = VendorDescriptor.of(VendorType.MPS_MONITOR);
        VendorDescriptor noDiscovery = new VendorDescriptor(base.type(), "Sixth Vendor", VendorType.Kind.CURRENT_COUNTERS,
                base.credentials(), Optional.empty(), base.urlExample(),
                new VendorDescriptor.CustomerId("site number (digits only)", ValueFormat.INTEGER), false, false, true,
                base.registrationHelp());
        String page = render(noDiscovery, List.of());
        assertThat(page).contains("<input id=\"external_id\"", "Type the site number (digits only).",
                "Sixth Vendor keeps no history").doesNotContain("<select id=\"external_id\"", "collection_scope");
    }
}
