package io.canopy.certificate.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.kit.jdbc.Jdbc;

/** The names deposits carried for each account ({@code account_name}), for the certificates. */
@ApplicationScoped
public class AccountNameRepository {

    @Inject
    Jdbc jdbc;

    /** Remembers the account's name unless a deposit recorded later already named it. */
    public void rememberAccountName(UUID accountId, UUID dealerId, String name, Instant recordedAt) {
        jdbc.update("""
                INSERT INTO account_name (account_id, dealer_id, name, recorded_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (account_id) DO UPDATE SET name = EXCLUDED.name, recorded_at = EXCLUDED.recorded_at,
                    updated_at = now()
                WHERE EXCLUDED.recorded_at >= account_name.recorded_at""", ps -> {
            ps.setObject(1, accountId);
            ps.setObject(2, dealerId);
            ps.setString(3, name);
            ps.setTimestamp(4, Timestamp.from(recordedAt));
        });
    }

    public Optional<String> accountName(UUID accountId) {
        return jdbc.first("SELECT name FROM account_name WHERE account_id = ?", ps -> ps.setObject(1, accountId),
                rs -> rs.getString("name"));
    }
}
