package io.canopy.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.vendors.VendorDescriptor;

class VendorRulesTest {

    @Test
    void eachVendorNeedsExactlyItsCredentialFields() {
        assertThat(VendorRules.credentialFields(VendorType.MPS_MONITOR)).containsExactly("dealer_token");
        assertThat(VendorRules.credentialFields(VendorType.ONESTOP)).containsExactly("username", "password");
        assertThat(VendorRules.credentialFields(VendorType.PRINT_TRACKER)).containsExactly("entity_id", "api_key");
        assertThat(VendorRules.credentialFields(VendorType.PRINTERPOINT)).containsExactly("api_token");
        assertThat(VendorRules.credentialFields(VendorType.PRINTANISTA)).containsExactly("username", "password", "api_key");
    }

    @Test
    void aMalformedCredentialIsNamedButNeverEchoed() {
        assertThatThrownBy(() -> VendorRules.validateCredentials(VendorType.PRINT_TRACKER,
                Map.of("entity_id", "secret-ish-value", "api_key", "0d6e2f1a-8b7c-4d5e-9f0a-1b2c3d4e5f60")))
                .isInstanceOfSatisfying(InvalidField.class, e -> {
                    assertThat(e.field()).isEqualTo("credentials.entity_id");
                    assertThat(e.getMessage()).doesNotContain("secret-ish-value");
                });
        assertThatThrownBy(() -> VendorRules.validateCredentials(VendorType.MPS_MONITOR,
                Map.of("dealer_token", "x".repeat(600)))).isInstanceOf(InvalidField.class);
    }

    @Test
    void urlsMustBeHttpsUnlessInsecureIsAllowedAndNeverCarryUserInfo() {
        assertThat(VendorRules.serverUrl(VendorType.ONESTOP, "https://api.example.com/", false))
                .isEqualTo("https://api.example.com");
        assertThatThrownBy(() -> VendorRules.serverUrl(VendorType.ONESTOP, "http://api.example.com", false))
                .isInstanceOf(InvalidField.class);
        assertThat(VendorRules.serverUrl(VendorType.ONESTOP, "http://127.0.0.1:8099/x", true))
                .isEqualTo("http://127.0.0.1:8099/x");
        assertThatThrownBy(() -> VendorRules.serverUrl(VendorType.ONESTOP, "https://user:pw@api.example.com", false))
                .isInstanceOfSatisfying(InvalidField.class, e -> assertThat(e.getMessage()).doesNotContain("pw"));
        assertThat(VendorRules.serverUrl(VendorType.PRINT_TRACKER, null, false)).isEqualTo("https://papi.printtrackerpro.com");
        assertThatThrownBy(() -> VendorRules.serverUrl(VendorType.MPS_MONITOR, null, false)).isInstanceOf(InvalidField.class);
    }

    @Test
    void customerIdsFollowTheVendorsFormat() {
        assertThat(VendorRules.validateExternalId(VendorType.MPS_MONITOR, "EA45CEF3D8EF6D0F")).isEqualTo("EA45CEF3D8EF6D0F");
        assertThatThrownBy(() -> VendorRules.validateExternalId(VendorType.MPS_MONITOR, "ea45cef3d8ef6d0f"))
                .isInstanceOf(InvalidField.class);
        assertThat(VendorRules.validateExternalId(VendorType.ONESTOP, "1042")).isEqualTo("1042");
        assertThatThrownBy(() -> VendorRules.validateExternalId(VendorType.ONESTOP, "10a")).isInstanceOf(InvalidField.class);
        assertThat(VendorRules.validateExternalId(VendorType.PRINT_TRACKER, "60a1b2c3d4e5f60718293a4b")).isNotNull();
        assertThat(VendorRules.supportsCollectionScope(VendorType.ONESTOP)).isFalse();
        assertThat(VendorRules.supportsCollectionScope(VendorType.PRINTANISTA)).isTrue();
    }

    @Test
    void storedCredentialsFollowANewPathButNotANewSchemeHostOrPort() {
        assertThat(VendorRules.sameOrigin("https://api.vendor.example/v1", "https://API.vendor.example/v2/")).isTrue();
        assertThat(VendorRules.sameOrigin("https://api.vendor.example", "https://api.vendor.example:443/x")).isTrue();
        assertThat(VendorRules.sameOrigin("https://api.vendor.example", "https://evil.example")).isFalse();
        assertThat(VendorRules.sameOrigin("https://api.vendor.example", "https://api.vendor.example:8443")).isFalse();
        assertThat(VendorRules.sameOrigin("https://api.vendor.example", "http://api.vendor.example")).isFalse();
        assertThat(VendorRules.sameOrigin("http://[::1]:40001/a", "http://[::1]:40001/b")).isTrue();
    }

    @ParameterizedTest
    @EnumSource(VendorType.class)
    void everyVendorsCredentialsAreCheckedAgainstItsDescriptor(VendorType vendor) {
        VendorDescriptor descriptor = VendorDescriptor.of(vendor);
        Map<String, String> good = descriptor.sampleCredentials(3);
        assertThat(VendorRules.validateCredentials(vendor, good)).isEqualTo(good);
        for (VendorDescriptor.CredentialField field : descriptor.credentials()) {
            Map<String, String> bad = new HashMap<>(good);
            bad.put(field.name(), " padded value ");
            assertThatThrownBy(() -> VendorRules.validateCredentials(vendor, bad))
                    .isInstanceOfSatisfying(InvalidField.class, e -> {
                        assertThat(e.field()).isEqualTo("credentials." + field.name());
                        assertThat(e.getMessage()).contains(field.format().inWords()).doesNotContain("padded");
                    });
        }
        String customer = descriptor.customerId().format().sample(5);
        assertThat(VendorRules.validateExternalId(vendor, customer)).isEqualTo(customer);
        assertThatThrownBy(() -> VendorRules.validateExternalId(vendor, " padded "))
                .hasMessageContaining(descriptor.customerIdInWords());
    }
}
