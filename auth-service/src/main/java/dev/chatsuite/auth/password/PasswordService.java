package dev.chatsuite.auth.password;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import dev.chatsuite.auth.AuthConfig;
import dev.chatsuite.auth.AuthProblem;
import dev.chatsuite.auth.credential.BreachedPasswords;
import dev.chatsuite.auth.credential.Caller;
import dev.chatsuite.auth.credential.EndedSessionMarks;
import dev.chatsuite.auth.credential.OpaqueTokens;
import dev.chatsuite.auth.credential.PasswordHasher;
import dev.chatsuite.auth.credential.Sessions;
import dev.chatsuite.auth.user.Account;
import dev.chatsuite.auth.user.RequestValidation;
import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Password change, and forgot/reset by a single-use mailed link. Both end every session of the account. */
@ApplicationScoped
public class PasswordService {

    private static final Logger LOG = Logger.getLogger(PasswordService.class);

    private final PasswordHasher hasher;
    private final BreachedPasswords breached;
    private final RequestValidation validation;
    private final Sessions sessions;
    private final EndedSessionMarks endedSessions;
    private final ResetMail mail;
    private final AuthConfig config;

    public PasswordService(PasswordHasher hasher, BreachedPasswords breached, RequestValidation validation, Sessions sessions,
            EndedSessionMarks endedSessions, ResetMail mail, AuthConfig config) {
        this.hasher = hasher;
        this.breached = breached;
        this.validation = validation;
        this.sessions = sessions;
        this.endedSessions = endedSessions;
        this.mail = mail;
        this.config = config;
    }

    public Uni<Void> change(Caller caller, PasswordChangeRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body is required.", List.of());
        }
        checkNewPassword(request, request.newPassword(), "newPassword");
        return Panache.withSession(() -> Account.<Account>findById(caller.userId()))
                .chain(account -> hasher.matches(request.currentPassword(), account.passwordHash).chain(matches -> {
                    if (!matches) {
                        return Uni.createFrom().failure(ProblemException.unauthorized("The current password is wrong."));
                    }
                    return hasher.hash(request.newPassword()).chain(hash -> Panache.withTransaction(() -> Account
                            .update("passwordHash = ?1 where id = ?2", hash, account.id)
                            .chain(() -> sessions.endAll(account.id))));
                }))
                .invoke(() -> LOG.infof("Password changed for account %s; all sessions ended", caller.userId()))
                .chain(endedSessions::publish);
    }

    /** Always succeeds from the caller's view, whether or not the email is known. */
    public Uni<Void> forgot(ForgotPasswordRequest request, String clientIp) {
        String email = request == null || request.email() == null ? "" : request.email().trim().toLowerCase(Locale.ROOT);
        if (email.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String token = OpaqueTokens.generate();
        return Panache.withTransaction(() -> Account.<Account>find("lower(email) = ?1", email).firstResult().chain(account -> {
            if (account == null || !account.active) {
                return Uni.createFrom().<Account>nullItem();
            }
            PasswordReset reset = new PasswordReset();
            reset.tokenHash = OpaqueTokens.hash(token);
            reset.accountId = account.id;
            reset.expiresAt = Instant.now().plus(config.resetTokenTtl());
            return reset.persist().replaceWith(account);
        })).chain(account -> {
            LOG.infof("Password reset requested from %s (%s)", clientIp, account == null ? "no such active account" : "account " + account.id);
            return account == null ? Uni.createFrom().voidItem() : mail.send(account.email, token);
        }).onFailure().recoverWithUni(e -> {
            LOG.errorf(e, "Password reset mail could not be sent");
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * The token is checked before the new password is hashed, so a made-up token costs a lookup
     * and not an Argon2 hash; it is checked again under a row lock when the password is stored,
     * so a link is used once even by two racing resets.
     */
    public Uni<Void> reset(ResetPasswordRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body is required.", List.of());
        }
        checkNewPassword(request, request.newPassword(), "newPassword");
        String hash = OpaqueTokens.hash(request.token());
        Instant now = Instant.now();
        return Panache.withSession(() -> PasswordReset.<PasswordReset>findById(hash))
                .invoke(reset -> requireUsable(reset, now))
                .chain(() -> hasher.hash(request.newPassword()))
                .chain(passwordHash -> Panache.withTransaction(() ->
                        PasswordReset.<PasswordReset>findById(hash, LockModeType.PESSIMISTIC_WRITE).chain(reset -> {
                            requireUsable(reset, now);
                            reset.usedAt = now;
                            return Account.update("passwordHash = ?1 where id = ?2", passwordHash, reset.accountId)
                                    .chain(() -> sessions.endAll(reset.accountId))
                                    .invoke(() -> LOG.infof("Password reset for account %s; all sessions ended", reset.accountId));
                        })))
                .chain(endedSessions::publish);
    }

    private static void requireUsable(PasswordReset reset, Instant now) {
        if (reset == null || reset.usedAt != null || reset.expiresAt.isBefore(now)) {
            throw AuthProblem.INVALID_RESET_TOKEN.exception("This reset link is invalid, expired or already used; ask for a new one.",
                    List.of(new FieldError("token", "Invalid, expired or already used.")));
        }
    }

    private void checkNewPassword(Object request, String password, String field) {
        List<FieldError> errors = new ArrayList<>(validation.violations(request));
        if (breached.contains(password)) {
            errors.add(new FieldError(field, "This password appears in known data breaches; choose another."));
        }
        RequestValidation.throwIfAny(errors);
    }
}
