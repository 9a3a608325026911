package dev.chatsuite.auth.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.chatsuite.auth.AuthConfig;
import dev.chatsuite.auth.credential.PasswordHasher;
import dev.chatsuite.auth.user.Account;
import dev.chatsuite.auth.user.Profile;
import dev.chatsuite.auth.user.UniqueViolations;
import dev.chatsuite.common.id.Uuids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * The first administrator, from configuration a stranger cannot claim: with
 * AUTH_ADMIN_BOOTSTRAP_SECRET set and no admin yet, the configured account gets the admin group,
 * created with the secret as its password, or, if it exists already, only when its password is
 * that secret (so a stranger who registered the name first gains nothing). Once an admin exists
 * the secret is ignored. The secret is never logged.
 */
@ApplicationScoped
public class AdminBootstrap {

    public enum Outcome { DISABLED, ADMIN_EXISTS, CREATED, PROMOTED, REFUSED }

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final AuthConfig config;
    private final PasswordHasher hasher;

    public AdminBootstrap(AuthConfig config, PasswordHasher hasher) {
        this.config = config;
        this.hasher = hasher;
    }

    void onStart(@Observes StartupEvent start) throws Throwable {
        AuthConfig.AdminBootstrap bootstrap = config.adminBootstrap();
        if (bootstrap.secret().isEmpty()) {
            return;
        }
        Outcome outcome = VertxContextSupport.subscribeAndAwait(
                () -> apply(bootstrap.username(), bootstrap.email(), bootstrap.secret().get()));
        switch (outcome) {
            case ADMIN_EXISTS -> LOG.info("An administrator exists: AUTH_ADMIN_BOOTSTRAP_SECRET is not used and can be removed");
            case CREATED -> LOG.infof("Created the administrator %s from AUTH_ADMIN_BOOTSTRAP_SECRET; change its password", bootstrap.username());
            case PROMOTED -> LOG.infof("Granted the admin group to %s, whose password is the bootstrap secret", bootstrap.username());
            case REFUSED -> LOG.warnf("Account %s exists and its password is not AUTH_ADMIN_BOOTSTRAP_SECRET: no admin granted;"
                    + " choose another AUTH_ADMIN_BOOTSTRAP_USERNAME", bootstrap.username());
            default -> { }
        }
    }

    /** Grants admin to {@code username} as described above; checks its inputs the way registration does. */
    public Uni<Outcome> apply(String rawUsername, String email, String secret) {
        String username = rawUsername.trim().toLowerCase(Locale.ROOT);
        if (secret.length() < 10 || secret.length() > 128) {
            return Uni.createFrom().failure(new IllegalStateException("AUTH_ADMIN_BOOTSTRAP_SECRET must be 10 to 128 characters"));
        }
        return Panache.withSession(() -> Account.count("array_contains(roles, 'admin')")).chain(admins -> {
            if (admins > 0) {
                return Uni.createFrom().item(Outcome.ADMIN_EXISTS);
            }
            return Panache.withSession(() -> Account.<Account>find("lower(username) = ?1 or lower(email) = ?2", username,
                    email.toLowerCase(Locale.ROOT)).firstResult()).chain(existing -> existing == null
                            ? create(username, email, secret)
                            : promoteIfOwned(existing, secret));
        });
    }

    private Uni<Outcome> promoteIfOwned(Account existing, String secret) {
        return hasher.matches(secret, existing.passwordHash).chain(owned -> {
            if (!owned || !existing.active) {
                return Uni.createFrom().item(Outcome.REFUSED);
            }
            List<String> roles = new ArrayList<>(existing.roles);
            roles.add("admin");
            return Panache.withTransaction(() -> Account.update("roles = ?1 where id = ?2", roles, existing.id))
                    .replaceWith(Outcome.PROMOTED);
        });
    }

    private Uni<Outcome> create(String username, String email, String secret) {
        return hasher.hash(secret).chain(hash -> {
            Account account = new Account();
            account.id = Uuids.v7();
            account.email = email;
            account.username = username;
            account.passwordHash = hash;
            account.roles = List.of("user", "admin");
            account.active = true;
            account.createdAt = Instant.now();
            Profile profile = new Profile();
            profile.accountId = account.id;
            profile.displayName = username;
            profile.links = List.of();
            profile.updatedAt = account.createdAt;
            return Panache.withTransaction(() -> account.persist().chain(() -> profile.persist())).replaceWith(Outcome.CREATED)
                    // Another replica created it at the same moment: one admin, as wanted.
                    .onFailure(failure -> UniqueViolations.constraint(failure) != null).recoverWithItem(Outcome.ADMIN_EXISTS);
        });
    }
}
