package io.canopy.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void aMintedKeyVerifiesAgainstItsStoredHashAndNothingElseDoes() {
        ApiKeys.Minted minted = ApiKeys.mint();
        ApiKeys.Presented presented = ApiKeys.parse(minted.plaintext()).orElseThrow();
        assertThat(presented.id()).isEqualTo(minted.id());
        assertThat(ApiKeys.matches(presented, minted.salt(), minted.secretHash())).isTrue();
        String tampered = minted.plaintext().substring(0, minted.plaintext().length() - 1)
                + (minted.plaintext().endsWith("A") ? "B" : "A");
        assertThat(ApiKeys.matches(ApiKeys.parse(tampered).orElseThrow(), minted.salt(), minted.secretHash())).isFalse();
        assertThat(ApiKeys.matches(presented, ApiKeys.mint().salt(), minted.secretHash())).isFalse();
    }

    @Test
    void twoKeysNeverShareSaltOrSecretAndNeitherPrintsItsSecret() {
        ApiKeys.Minted a = ApiKeys.mint();
        ApiKeys.Minted b = ApiKeys.mint();
        assertThat(a.plaintext()).isNotEqualTo(b.plaintext());
        assertThat(a.salt()).isNotEqualTo(b.salt());
        assertThat(a.toString()).doesNotContain(a.plaintext().substring(40));
    }

    @Test
    void aSecretThatContainsUnderscoresIsReadWhole() {
        // base64url secrets may contain '_' (and '-'), the same character that separates the key's parts
        String secret = "ab_cd-ef_" + "x".repeat(34);
        ApiKeys.Presented presented = ApiKeys.parse("ck_" + "0123456789abcdef0123456789abcdef" + "_" + secret).orElseThrow();
        assertThat(presented.secret()).isEqualTo(secret);
        assertThat(presented.id().toString()).isEqualTo("01234567-89ab-cdef-0123-456789abcdef");
    }

    @Test
    void somethingNotShapedLikeAKeyIsRefusedWithoutALookup() {
        assertThat(ApiKeys.parse(null)).isEmpty();
        assertThat(ApiKeys.parse("ck_123_abc")).isEmpty();
        assertThat(ApiKeys.parse("Bearer something")).isEmpty();
    }
}
