package io.canopy.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    @Test
    void aHashIsSaltedBcryptThatMatchesOnlyItsPassword() {
        String first = Passwords.hash("correct horse battery", 4);
        String second = Passwords.hash("correct horse battery", 4);
        assertThat(first).startsWith("$2b$04$").isNotEqualTo(second).doesNotContain("correct horse battery");
        assertThat(Passwords.matches("correct horse battery", first)).isTrue();
        assertThat(Passwords.matches("correct horse batterY", first)).isFalse();
        assertThat(Passwords.matches(null, first)).isFalse();
    }

    @Test
    void tooShortOrLongerThanBcryptReadsIsRefusedNotCut() {
        assertThat(Passwords.problemWith("elevenchars")).contains("at least 12");
        assertThat(Passwords.problemWith("twelve chars")).isNull();
        assertThat(Passwords.problemWith("x".repeat(73))).contains("72 bytes");
        // 24 four-byte characters are 96 bytes
        assertThat(Passwords.problemWith("🌳".repeat(24))).contains("72 bytes");
    }
}
