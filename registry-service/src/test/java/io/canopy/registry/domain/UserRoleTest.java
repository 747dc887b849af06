package io.canopy.registry.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserRoleTest {

    @Test
    void theRoleClaimDefaultsToAdminAndAnythingUnknownIsAViewer() {
        assertThat(UserRole.ofClaim(null)).isEqualTo(UserRole.ADMIN);
        assertThat(UserRole.ofClaim("viewer")).isEqualTo(UserRole.VIEWER);
        assertThat(UserRole.ofClaim("admin")).isEqualTo(UserRole.ADMIN);
        assertThat(UserRole.ofClaim("root")).isEqualTo(UserRole.VIEWER);
    }
}
