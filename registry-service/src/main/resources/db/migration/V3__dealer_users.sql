-- registry-service: people who sign in to the dashboard for a dealer (issue #19). API keys stay for
-- integrations; a user is an email + password with a role. The runtime role gets its row privileges
-- on these tables from service-kit's default privileges (R__service_kit_runtime_role_grants.sql).

CREATE TABLE dealer_user (
    id                       UUID PRIMARY KEY,
    dealer_id                UUID        NOT NULL REFERENCES dealer (id),
    -- kept lower-case (the service folds it), so uniqueness is case-insensitive
    email                    TEXT        NOT NULL CHECK (email = lower(email)),
    -- bcrypt (modular crypt string, salt and cost inside); NULL while an invitation is pending
    password_hash            TEXT,
    role                     TEXT        NOT NULL CHECK (role IN ('admin', 'viewer')),
    created_at               TIMESTAMPTZ NOT NULL,
    last_sign_in_at          TIMESTAMPTZ,
    -- sign-in throttle shared by every replica: failures in a row, and the lock they caused
    failed_attempts          INT         NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until             TIMESTAMPTZ,
    -- a pending invitation: only the SHA-256 of the one-time token is kept; cleared when accepted
    invitation_token_hash    BYTEA,
    invitation_expires_at    TIMESTAMPTZ,
    CHECK (password_hash IS NOT NULL OR invitation_token_hash IS NOT NULL)
);
CREATE UNIQUE INDEX dealer_user_email ON dealer_user (email);
CREATE INDEX dealer_user_dealer ON dealer_user (dealer_id, created_at, id);
CREATE UNIQUE INDEX dealer_user_invitation ON dealer_user (invitation_token_hash)
    WHERE invitation_token_hash IS NOT NULL;

-- The same throttle for emails that belong to no user: without it, "429 after five tries" would
-- answer only for real accounts and so tell a guesser which emails exist. Keyed by the SHA-256 of the
-- folded email (hex), so a stranger's address is not stored.
CREATE TABLE sign_in_throttle (
    email_hash      TEXT PRIMARY KEY,
    failed_attempts INT         NOT NULL CHECK (failed_attempts >= 0),
    locked_until    TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX sign_in_throttle_updated ON sign_in_throttle (updated_at);
