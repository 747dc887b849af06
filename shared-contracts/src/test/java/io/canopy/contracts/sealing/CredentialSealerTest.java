package io.canopy.contracts.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.canopy.contracts.events.SealedCredentials;

class CredentialSealerTest {

    private static final String SECRET = "s3cr3t-Pa55word";
    private final String k1 = CredentialSealer.newKey();
    private final String k2 = CredentialSealer.newKey();
    private final UUID server = UUID.randomUUID();

    @Test
    void sealedCredentialsOpenOnlyForTheirServer() {
        CredentialSealer sealer = new CredentialSealer(Map.of("k1", k1), "k1");
        SealedCredentials sealed = sealer.seal(server, Map.of("username", "u", "password", SECRET));
        assertThat(sealed.ciphertext()).doesNotContain(SECRET);
        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(sealer.unseal(server, sealed)).containsEntry("password", SECRET);
        assertThatThrownBy(() -> sealer.unseal(UUID.randomUUID(), sealed))
                .isInstanceOf(CredentialSealer.SealingException.class).hasMessageNotContaining(SECRET);
    }

    @Test
    void everySealUsesAFreshNonce() {
        CredentialSealer sealer = new CredentialSealer(Map.of("k1", k1), "k1");
        assertThat(sealer.seal(server, Map.of("a", "b")).ciphertext())
                .isNotEqualTo(sealer.seal(server, Map.of("a", "b")).ciphertext());
    }

    @Test
    void keysRotateOldSealsStillOpen() {
        SealedCredentials old = new CredentialSealer(Map.of("k1", k1), "k1").seal(server, Map.of("token", SECRET));
        CredentialSealer rotated = new CredentialSealer(Map.of("k1", k1, "k2", k2), "k2");
        assertThat(rotated.unseal(server, old)).containsEntry("token", SECRET);
        assertThat(rotated.seal(server, Map.of("token", SECRET)).keyId()).isEqualTo("k2");
    }

    @Test
    void tamperingAndUnknownKeysAreRefusedWithoutLeaking() {
        CredentialSealer sealer = new CredentialSealer(Map.of("k1", k1), "k1");
        SealedCredentials sealed = sealer.seal(server, Map.of("token", SECRET));
        char[] chars = sealed.ciphertext().toCharArray();
        chars[20] = chars[20] == 'A' ? 'B' : 'A';
        assertThatThrownBy(() -> sealer.unseal(server, new SealedCredentials("k1", sealed.algorithm(), new String(chars))))
                .isInstanceOf(CredentialSealer.SealingException.class);
        assertThatThrownBy(() -> sealer.unseal(server, new SealedCredentials("k9", sealed.algorithm(), sealed.ciphertext())))
                .hasMessageContaining("unknown sealing key id 'k9'");
        assertThatThrownBy(() -> sealer.unseal(server, new SealedCredentials("k1", "ROT13", sealed.ciphertext())))
                .hasMessageContaining("unsupported");
    }

    @Test
    void badKeyConfigurationIsRejectedClearly() {
        assertThatThrownBy(() -> new CredentialSealer(Map.of("k1", "c2hvcnQ="), "k1")).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new CredentialSealer(Map.of("k1", k1), "k2")).hasMessageContaining("active sealing key");
        assertThatThrownBy(() -> new CredentialSealer(Map.of("k1", "%%%"), "k1")).hasMessageContaining("base64");
    }
}
