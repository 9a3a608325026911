package dev.chatsuite.auth.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chatsuite.auth.credential.BreachedPasswords;
import dev.chatsuite.auth.credential.PasswordHasher;
import dev.chatsuite.auth.user.Account;
import dev.chatsuite.auth.user.MeView;
import dev.chatsuite.auth.user.Profile;
import dev.chatsuite.auth.user.ProfileViews;
import dev.chatsuite.auth.user.RequestValidation;
import dev.chatsuite.auth.user.Tenant;
import dev.chatsuite.auth.user.UniqueViolations;
import dev.chatsuite.common.id.Uuids;
import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Registration: the account and its profile are inserted in one transaction, and duplicates
 * are decided by PostgreSQL's unique indexes on lower(email) and lower(username), so racing
 * registrations give exactly one account and never a user without a profile.
 */
@ApplicationScoped
public class RegistrationService {

    private static final Logger LOG = Logger.getLogger(RegistrationService.class);
    static final String EMAIL_TAKEN = "Email already registered.";
    static final String USERNAME_TAKEN = "Username already taken.";

    private final RequestValidation validation;
    private final BreachedPasswords breached;
    private final PasswordHasher hasher;
    private final ProfileViews views;

    public RegistrationService(RequestValidation validation, BreachedPasswords breached, PasswordHasher hasher,
            ProfileViews views) {
        this.validation = validation;
        this.breached = breached;
        this.hasher = hasher;
        this.views = views;
    }

    public Uni<MeView> register(RegisterRequest raw, String clientIp) {
        if (raw == null) {
            return Uni.createFrom().failure(ProblemException.badRequest("A JSON body is required.", List.of()));
        }
        RegisterRequest request = raw.normalized();
        List<FieldError> errors = new ArrayList<>(validation.violations(request));
        if (breached.contains(request.password())) {
            errors.add(new FieldError("password", "This password appears in known data breaches; choose another."));
        }
        RequestValidation.throwIfAny(errors);
        Uni<Tenant> tenant = request.tenant() == null ? Uni.createFrom().nullItem()
                : Panache.withSession(() -> Tenant.<Tenant>find("lower(slug) = ?1", request.tenant().toLowerCase(Locale.ROOT)).firstResult())
                        .map(found -> {
                            if (found == null) {
                                throw ProblemException.badRequest("The request has invalid fields; see errors.",
                                        List.of(new FieldError("tenant", "No tenant has this slug.")));
                            }
                            return found;
                        });
        return tenant.chain(t -> hasher.hash(request.password()).chain(hash -> insert(request, hash, t)))
                .invoke(me -> LOG.infof("Registered account %s from %s", me.id(), clientIp))
                .onFailure(ProblemException.class).invoke(e -> LOG.infof("Registration refused from %s: %s", clientIp, e.getMessage()));
    }

    private Uni<MeView> insert(RegisterRequest request, String passwordHash, Tenant tenant) {
        Account account = new Account();
        account.id = Uuids.v7();
        account.email = request.email();
        account.username = request.username();
        account.passwordHash = passwordHash;
        account.tenantId = tenant == null ? null : tenant.id;
        // Never admin: that comes only from the bootstrap secret (AdminBootstrap).
        account.roles = List.of("user");
        account.active = true;
        account.createdAt = Instant.now();
        Profile profile = new Profile();
        profile.accountId = account.id;
        profile.displayName = request.displayName() == null || request.displayName().isEmpty() ? request.username() : request.displayName();
        profile.links = List.of();
        profile.updatedAt = account.createdAt;
        return Panache.withTransaction(() -> account.persist().chain(() -> profile.persist()))
                .map(ignored -> views.me(account, profile, tenant))
                .onFailure(failure -> UniqueViolations.constraint(failure) != null)
                .transform(RegistrationService::duplicate);
    }

    private static Throwable duplicate(Throwable failure) {
        String constraint = UniqueViolations.constraint(failure);
        if (constraint.contains("email")) {
            return ProblemException.conflict("An account with this email already exists.", List.of(new FieldError("email", EMAIL_TAKEN)));
        }
        return ProblemException.conflict("An account with this username already exists.", List.of(new FieldError("username", USERNAME_TAKEN)));
    }
}
