package io.canopy.registry.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import io.canopy.kit.api.ProblemException;
import io.canopy.registry.config.RegistryConfig;
import io.canopy.registry.domain.InvitationTokens;
import io.canopy.registry.domain.Passwords;
import io.canopy.registry.domain.SignInThrottle;
import io.canopy.registry.domain.UserRole;
import io.canopy.registry.persistence.DealerEntity;
import io.canopy.registry.persistence.DealerUserEntity;
import io.canopy.registry.persistence.SignInThrottleEntity;

/**
 * The people who sign in for a dealer (issue #19): an operator creates the first admin, admins
 * invite more, and sign-in trades email + password for the same JWT an API key gets, with the
 * user's role in it. Wrong passwords are throttled per email in the database, so every replica
 * sees the same count.
 */
@ApplicationScoped
public class UserService {

    /** One answer for an unknown email, a pending invitation and a wrong password: no user enumeration. */
    static final String SIGN_IN_REFUSED = "the email or the password is not correct";

    @Inject
    Clock clock;

    @Inject
    RegistryConfig config;

    @Inject
    EntityManager entityManager;

    /** Compared against when the email is unknown, so a miss costs the same bcrypt time as a wrong password. */
    private volatile String decoyHash;

    public record SignedIn(DealerUserEntity user) {
    }

    public record Invited(DealerUserEntity user, String plaintextToken) {
        @Override
        public String toString() {
            return "Invited[user=" + user.id + ", token=<redacted>]";
        }
    }

    /** A sign-in refused because the email is locked; {@code retryAfter} is what is left of the lock. */
    public static final class SignInLocked extends RuntimeException {
        private final Duration retryAfter;

        public SignInLocked(Duration retryAfter) {
            super("too many wrong passwords for this email; try again later", null, false, false);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }

    /** The operator's route: a user with a password right away (a dealer's first admin). */
    @Transactional
    public DealerUserEntity create(UUID dealerId, String email, String password, String role) {
        lockDealer(dealerId);
        String folded = requireNewEmail(email);
        requirePassword(password);
        DealerUserEntity user = newUser(dealerId, folded, requireRole(role));
        user.passwordHash = Passwords.hash(password, config.users().bcryptCost());
        insert(user);
        return user;
    }

    /** An admin invites someone: the token is in this answer only, the row keeps its hash. */
    @Transactional
    public Invited invite(UUID dealerId, String email, String role) {
        lockDealer(dealerId);
        String folded = requireNewEmail(email);
        DealerUserEntity user = newUser(dealerId, folded, requireRole(role));
        InvitationTokens.Minted token = InvitationTokens.mint();
        user.invitationTokenHash = token.hash();
        user.invitationExpiresAt = user.createdAt.plus(config.users().invitationLifetime());
        insert(user);
        return new Invited(user, token.plaintext());
    }

    public List<DealerUserEntity> list(UUID dealerId) {
        return DealerUserEntity.ofDealer(dealerId);
    }

    /**
     * Removes a user of the dealer. The dealer's last signed-up admin stays: without one nobody could
     * invite or manage users any more (an operator can still add one).
     */
    @Transactional
    public void delete(UUID dealerId, UUID userId) {
        lockDealer(dealerId);
        DealerUserEntity user = DealerUserEntity.ofDealer(dealerId, userId)
                .orElseThrow(() -> ProblemException.notFound("user", userId));
        if (!user.pending() && UserRole.ADMIN.wireName().equals(user.role) && DealerUserEntity.activeAdmins(dealerId) <= 1) {
            throw ProblemException.conflict("user " + userId + " is the dealer's last admin; invite another admin first");
        }
        user.delete();
    }

    /** Sets the invited user's password and consumes the token: it works once, and not after it expires. */
    @Transactional
    public DealerUserEntity acceptInvitation(String token, String password) {
        ProblemException invalid = new ProblemException(400, "Invalid request",
                "the invitation is not valid: unknown, already used or expired", "invitation_token");
        if (token == null || token.isBlank()) {
            throw invalid;
        }
        DealerUserEntity user = DealerUserEntity.byInvitationForUpdate(InvitationTokens.hash(token)).orElseThrow(() -> invalid);
        if (user.invitationExpiresAt == null || !user.invitationExpiresAt.isAfter(clock.instant())) {
            throw invalid;
        }
        requirePassword(password);
        user.passwordHash = Passwords.hash(password, config.users().bcryptCost());
        user.invitationTokenHash = null;
        user.invitationExpiresAt = null;
        return user;
    }

    /**
     * Email + password → the user, or a 401 that reads the same whatever was wrong. Throttled per
     * email (known or not): while locked, attempts are refused with {@link SignInLocked} unchecked.
     * {@code dontRollbackOn}: the failure count must be committed with the refusal.
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public SignedIn signIn(String email, String password) {
        ProblemException refused = new ProblemException(401, "Unauthorized", SIGN_IN_REFUSED);
        if (email == null || email.isBlank() || password == null) {
            throw refused;
        }
        String folded = fold(email);
        Instant now = Now.of(clock);
        SignInThrottle throttle = throttle();
        DealerUserEntity user = DealerUserEntity.byEmailForUpdate(folded).orElse(null);
        if (user == null) {
            signInWithoutUser(folded, password, now, throttle);
            throw refused;
        }
        checkPassword(user, password, now, throttle, refused);
        user.lastSignInAt = now;
        return new SignedIn(user);
    }

    /** The throttled password check of a sign-in and of a step-up: locked → 429, wrong → {@code refused} and counted. */
    private void checkPassword(DealerUserEntity user, String password, Instant now, SignInThrottle throttle,
            ProblemException refused) {
        SignInThrottle.State state = new SignInThrottle.State(user.failedAttempts, user.lockedUntil);
        Duration locked = throttle.lockedFor(state, now);
        if (locked != null) {
            throw new SignInLocked(locked);
        }
        if (user.pending() || password == null || !Passwords.matches(password, user.passwordHash)) {
            if (user.pending() && password != null) {
                Passwords.matches(password, decoyHash());
            }
            SignInThrottle.State after = throttle.afterFailure(state, now);
            user.failedAttempts = after.failedAttempts();
            user.lockedUntil = after.lockedUntil();
            throw refused;
        }
        user.failedAttempts = 0;
        user.lockedUntil = null;
    }

    /**
     * A signed-in person proves it is still them (step-up before minting an API key): their own
     * password, counted against the same throttle as a sign-in. A wrong or missing password is a 403
     * (not 401: the session itself is fine); while locked, {@link SignInLocked}.
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public void confirmPassword(UUID dealerId, UUID userId, String password) {
        ProblemException refused = new ProblemException(403, "Forbidden",
                "creating an API key needs your password (signed in as a person) or a current API key in X-Api-Key",
                "password");
        if (password == null || password.isEmpty()) {
            throw refused; // no attempt made: not counted
        }
        DealerUserEntity user = DealerUserEntity.<DealerUserEntity> findByIdOptional(userId, LockModeType.PESSIMISTIC_WRITE)
                .filter(u -> u.dealerId.equals(dealerId)).orElseThrow(() -> refused);
        checkPassword(user, password, Now.of(clock), throttle(), refused);
    }

    /** The same throttle and the same bcrypt work for an email that is nobody's. */
    private void signInWithoutUser(String folded, String password, Instant now, SignInThrottle throttle) {
        String key = HexFormat.of().formatHex(InvitationTokens.sha256(folded));
        // insert-if-absent first, so concurrent misses of one email all lock and count the same row
        entityManager.createNativeQuery("INSERT INTO sign_in_throttle (email_hash, failed_attempts, updated_at) "
                + "VALUES (?1, 0, ?2) ON CONFLICT (email_hash) DO NOTHING").setParameter(1, key).setParameter(2, now)
                .executeUpdate();
        SignInThrottleEntity row = SignInThrottleEntity.findById(key, LockModeType.PESSIMISTIC_WRITE);
        SignInThrottle.State state = new SignInThrottle.State(row.failedAttempts, row.lockedUntil);
        Duration locked = throttle.lockedFor(state, now);
        if (locked != null) {
            throw new SignInLocked(locked);
        }
        Passwords.matches(password, decoyHash());
        SignInThrottle.State after = throttle.afterFailure(state, now);
        row.failedAttempts = after.failedAttempts();
        row.lockedUntil = after.lockedUntil();
        row.updatedAt = now;
    }

    private SignInThrottle throttle() {
        return new SignInThrottle(config.users().maxFailedSignIns(), config.users().signInLock());
    }

    private String decoyHash() {
        String hash = decoyHash;
        if (hash == null) {
            hash = Passwords.hash(UUID.randomUUID().toString(), config.users().bcryptCost());
            decoyHash = hash;
        }
        return hash;
    }

    private DealerUserEntity newUser(UUID dealerId, String email, UserRole role) {
        DealerUserEntity user = new DealerUserEntity();
        user.id = UUID.randomUUID();
        user.dealerId = dealerId;
        user.email = email;
        user.role = role.wireName();
        user.createdAt = Now.of(clock);
        return user;
    }

    /**
     * Inserts now rather than at commit: the dealer lock does not cover a second dealer adding the same
     * email at the same moment, and the unique index's refusal must become the same 409, not a 500.
     */
    private static void insert(DealerUserEntity user) {
        try {
            user.persistAndFlush();
        } catch (ConstraintViolationException e) {
            if (e.getConstraintName() != null && e.getConstraintName().contains("dealer_user_email")) {
                throw ProblemException.conflict("a user with this email already exists");
            }
            throw e;
        }
    }

    /** Serialises user changes of one dealer, so two admins cannot remove each other at once. */
    private void lockDealer(UUID dealerId) {
        if (DealerEntity.findById(dealerId, LockModeType.PESSIMISTIC_WRITE) == null) {
            throw ProblemException.notFound("dealer", dealerId);
        }
    }

    private static String fold(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    private static String requireNewEmail(String email) {
        if (email == null || email.isBlank()) {
            throw ProblemException.badRequest("email", "email is required");
        }
        String folded = fold(email);
        // one @, something on both sides, no spaces: enough to catch typos; the invitation proves the rest
        if (folded.length() > 254 || !folded.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw ProblemException.badRequest("email", "email is not a valid address");
        }
        if (DealerUserEntity.emailTaken(folded)) {
            throw ProblemException.conflict("a user with this email already exists");
        }
        return folded;
    }

    private static void requirePassword(String password) {
        String problem = Passwords.problemWith(password);
        if (problem != null) {
            throw ProblemException.badRequest("password", problem);
        }
    }

    private static UserRole requireRole(String role) {
        return UserRole.fromWire(role)
                .orElseThrow(() -> ProblemException.badRequest("role", "role must be admin or viewer"));
    }
}
