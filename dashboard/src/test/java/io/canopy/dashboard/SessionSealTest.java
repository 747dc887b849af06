package io.canopy.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.canopy.dashboard.session.Session;
import io.canopy.dashboard.session.SessionSeal;

class SessionSealTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final SessionSeal seal = new SessionSeal(new byte[32]);
    private final Session session = new Session("eyJ.token.sig", "ana@dealer.example", "admin", "form-token",
            NOW.plusSeconds(3600));

    @Test
    void aSealedSessionOpensAgainAndHidesItsToken() {
        String cookie = seal.seal(session);
        assertThat(cookie).doesNotContain("eyJ").doesNotContain("ana@");
        assertThat(seal.open(cookie, NOW)).contains(session);
    }

    @Test
    void aChangedByteAnotherKeyOrAnExpiredSessionIsNoSession() {
        String cookie = seal.seal(session);
        byte[] bytes = Base64.getUrlDecoder().decode(cookie);
        bytes[bytes.length - 1] ^= 1;
        assertThat(seal.open(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), NOW)).isEmpty();
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        assertThat(new SessionSeal(otherKey).open(cookie, NOW)).isEmpty();
        assertThat(seal.open(cookie, NOW.plusSeconds(3600))).as("expired").isEmpty();
        assertThat(seal.open("not base64 !", NOW)).isEmpty();
        assertThat(seal.open("", NOW)).isEmpty();
        assertThat(seal.open(null, NOW)).isEmpty();
    }

    @Test
    void theKeyMustBeAes256() {
        assertThatThrownBy(() -> new SessionSeal(new byte[16])).hasMessageContaining("32 bytes");
    }
}
