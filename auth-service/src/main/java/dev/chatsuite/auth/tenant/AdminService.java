package dev.chatsuite.auth.tenant;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chatsuite.auth.account.Account;
import dev.chatsuite.auth.account.RequestValidation;
import dev.chatsuite.auth.account.UniqueViolations;
import dev.chatsuite.auth.caller.Caller;
import dev.chatsuite.auth.profile.Profile;
import dev.chatsuite.auth.profile.ProfileViews;
import dev.chatsuite.auth.profile.MeView;
import dev.chatsuite.auth.profile.TenantView;
import dev.chatsuite.auth.token.Sessions;
import dev.chatsuite.common.id.Uuids;
import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Administration: tenants, and disabling an account (which ends all of its sessions). */
@ApplicationScoped
public class AdminService {

    private static final Logger LOG = Logger.getLogger(AdminService.class);

    private final RequestValidation validation;
    private final Sessions sessions;
    private final ProfileViews views;

    public AdminService(RequestValidation validation, Sessions sessions, ProfileViews views) {
        this.validation = validation;
        this.sessions = sessions;
        this.views = views;
    }

    public Uni<TenantView> createTenant(Caller admin, CreateTenantRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body is required.", List.of());
        }
        RequestValidation.throwIfAny(validation.violations(request));
        Tenant tenant = new Tenant();
        tenant.id = Uuids.v7();
        tenant.slug = request.slug();
        tenant.name = request.name();
        tenant.modules = request.modules() == null ? List.of() : List.copyOf(request.modules());
        tenant.createdAt = Instant.now();
        return Panache.withTransaction(tenant::persist)
                .map(ignored -> ProfileViews.tenant(tenant))
                .invoke(view -> LOG.infof("Tenant %s created by %s", view.slug(), admin.userId()))
                .onFailure(f -> UniqueViolations.constraint(f) != null)
                .transform(f -> ProblemException.conflict("A tenant with this slug exists.", List.of(new FieldError("slug", "Slug already taken."))));
    }

    public Uni<MeView> setActive(Caller admin, UUID userId, AdminUserPatch patch) {
        if (patch == null) {
            throw ProblemException.badRequest("A JSON body is required.", List.of());
        }
        RequestValidation.throwIfAny(validation.violations(patch));
        return Panache.withTransaction(() -> Account.<Account>findById(userId).chain(account -> {
            if (account == null) {
                return Uni.createFrom().failure(ProblemException.notFound("No user with this id."));
            }
            account.active = patch.active();
            Uni<Integer> revoke = patch.active() ? Uni.createFrom().item(0) : sessions.revokeAll(account.id);
            return revoke.chain(() -> Profile.<Profile>findById(account.id))
                    .chain(profile -> (account.tenantId == null ? Uni.createFrom().<Tenant>nullItem() : Tenant.<Tenant>findById(account.tenantId))
                            .map(tenant -> views.me(account, profile, tenant)));
        })).invoke(me -> LOG.infof("Account %s set active=%s by %s", userId, patch.active(), admin.userId()));
    }
}
