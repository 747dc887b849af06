package io.canopy.contracts.vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.vendors.VendorDescriptor.CredentialField;

/**
 * A vendor is described once, so its descriptor must be complete: everything registry validation,
 * the OpenAPI document, the dashboard form and the fixtures read from it is there for every vendor.
 */
class VendorDescriptorTest {

    @ParameterizedTest
    @EnumSource(VendorType.class)
    void everyVendorHasACompleteDescriptor(VendorType type) {
        VendorDescriptor d = VendorDescriptor.of(type);
        assertThat(d.type()).isEqualTo(type);
        assertThat(d.displayName()).as("%s display name", type).isNotBlank();
        assertThat(d.kind()).as("%s kind", type).isNotNull();
        assertThat(d.registrationHelp()).as("%s registration help", type).isNotBlank();
        assertThat(d.urlExample()).as("%s URL example", type).startsWith("https://");
        assertThat(URI.create(d.urlExample()).getHost()).as("%s URL example host", type).isNotBlank();
        d.defaultUrl().ifPresent(url -> assertThat(url).as("%s default URL", type).startsWith("https://"));
        assertThat(d.customerId()).as("%s customer id", type).isNotNull();
        assertThat(d.customerId().inWords()).as("%s customer id in words", type).isNotBlank();
        assertThat(d.customerId().format()).as("%s customer id format", type).isNotNull();
        assertThat(d.credentials()).as("%s credential fields", type).isNotEmpty();

        Set<String> names = new HashSet<>();
        for (CredentialField field : d.credentials()) {
            assertThat(field.name()).as("%s credential name", type).matches("[a-z][a-z0-9]*(_[a-z0-9]+)*");
            assertThat(names.add(field.name())).as("%s.%s listed once", type, field.name()).isTrue();
            assertThat(field.label()).as("%s.%s label", type, field.name()).isNotBlank();
            assertThat(field.help()).as("%s.%s help", type, field.name()).isNotBlank();
            assertThat(field.format()).as("%s.%s format", type, field.name()).isNotNull();
            assertThat(field.maxLength()).as("%s.%s max length", type, field.name()).isPositive();
        }
        assertThat(d.credentialsInWords()).contains(d.credentialNames());
    }

    @Test
    void everyVendorHasOneDescriptorInTypeOrder() {
        assertThat(VendorDescriptor.all()).extracting(VendorDescriptor::type).containsExactly(VendorType.values());
        assertThat(VendorDescriptor.wireNames()).hasSize(VendorType.values().length).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(VendorType.class)
    void sampleCredentialsHaveTheirFieldsFormatsAndDifferPerNumber(VendorType type) {
        VendorDescriptor d = VendorDescriptor.of(type);
        var first = d.sampleCredentials(0);
        var second = d.sampleCredentials(1);
        assertThat(first.keySet()).containsExactlyElementsOf(d.credentialNames());
        for (CredentialField field : d.credentials()) {
            assertThat(field.format().matches(first.get(field.name()))).as("%s.%s sample", type, field.name()).isTrue();
            assertThat(first.get(field.name()).length()).isLessThanOrEqualTo(field.maxLength());
            assertThat(second.get(field.name())).isNotEqualTo(first.get(field.name()));
        }
    }

    @ParameterizedTest
    @EnumSource(ValueFormat.class)
    void samplesMatchTheirFormatAndAreDistinct(ValueFormat format) {
        Set<String> seen = new HashSet<>();
        for (long n = 0; n < 2_000; n++) {
            String sample = format.sample(n);
            assertThat(format.matches(sample)).as("%s sample %s", format, sample).isTrue();
            assertThat(seen.add(sample)).as("%s sample %d repeats", format, n).isTrue();
        }
        assertThat(format.inWords()).isNotBlank();
    }

    @Test
    void formatsRefuseWhatTheVendorWouldNot() {
        assertThat(ValueFormat.UUID.matches("not-a-uuid")).isFalse();
        assertThat(ValueFormat.HEX_16_UPPER.matches("ea45cef3d8ef6d0f")).isFalse();
        assertThat(ValueFormat.HEX_16_UPPER.matches("EA45CEF3D8EF6D0F")).isTrue();
        assertThat(ValueFormat.INTEGER.matches("10a")).isFalse();
        assertThat(ValueFormat.PRINTABLE.matches(" padded")).isFalse();
        assertThat(ValueFormat.PRINTABLE.matches("two words")).isTrue();
        assertThat(ValueFormat.PRINTABLE.matches(null)).isFalse();
    }

    @Test
    void anUnknownTypeNamesEveryAcceptedValue() {
        assertThatThrownBy(() -> VendorType.fromWireName("xerox"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'xerox'")
                .hasMessageContaining(String.join(", ", VendorDescriptor.wireNames()));
    }

    @Test
    void kindsSayMeterOrAggregateAndWhetherHistoryIsKept() {
        assertThat(VendorDescriptor.of(VendorType.MPS_MONITOR).reportsMeters()).isTrue();
        assertThat(VendorDescriptor.of(VendorType.MPS_MONITOR).keepsHistory()).isFalse();
        assertThat(VendorDescriptor.of(VendorType.PRINT_TRACKER).keepsHistory()).isTrue();
        assertThat(VendorDescriptor.of(VendorType.ONESTOP).reportsMeters()).isFalse();
        assertThat(VendorType.PRINTANISTA.kind()).isEqualTo(VendorType.Kind.DAY_AGGREGATES);
    }
}
