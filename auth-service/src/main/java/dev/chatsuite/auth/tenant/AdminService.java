package dev.chatsuite.auth.tenant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.chatsuite.auth.credential.Caller;
import dev.chatsuite.auth.credential.EndedSessionMarks;
import dev.chatsuite.auth.credential.Sessions;
import dev.chatsuite.auth.user.Account;
import dev.chatsuite.auth.user.MeView;
import dev.chatsuite.auth.user.Profile;
import dev.chatsuite.auth.user.ProfileViews;
import dev.chatsuite.auth.user.RequestValidation;
import dev.chatsuite.auth.user.Tenant;
import dev.chatsuite.auth.user.TenantView;
import dev.chatsuite.auth.user.UniqueViolations;
import dev.chatsuite.common.id.Uuids;
import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.common.tenant.TenantModules;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Administration: tenants, and disabling an account (which ends all of its sessions). */
@ApplicationScoped
public class AdminService {

    private static final Logger LOG = Logger.getLogger(AdminService.class);

    private final RequestValidation validation;
    private final Sessions sessions;
    private final EndedSessionMarks endedSessions;
    private final ProfileViews views;

    public AdminService(RequestValidation validation, Sessions sessions, EndedSessionMarks endedSessions, ProfileViews views) {
        this.validation = validation;
        this.sessions = sessions;
        this.endedSessions = endedSessions;
        this.views = views;
    }

    private record Changed(MeView me, List<UUID> endedSessions) {
    }

    public Uni<TenantView> createTenant(Caller admin, CreateTenantRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body is required.", List.of());
        }
        List<FieldError> errors = new ArrayList<>(validation.violations(request));
        if (errors.stream().noneMatch(e -> e.field().equals("modules"))) {
            errors.addAll(unknownModules(request.modules()));
        }
        RequestValidation.throwIfAny(errors);
        Tenant tenant = new Tenant();
        tenant.id = Uuids.v7();
        tenant.slug = request.slug();
        tenant.name = request.name();
        tenant.modules = request.modules() == null ? TenantModules.ALL : List.copyOf(new LinkedHashSet<>(request.modules()));
        tenant.createdAt = Instant.now();
        return Panache.withTransaction(tenant::persist)
                .map(ignored -> ProfileViews.tenant(tenant))
                .invoke(view -> LOG.infof("Tenant %s created by %s", view.slug(), admin.userId()))
                .onFailure(f -> UniqueViolations.constraint(f) != null)
                .transform(f -> ProblemException.conflict("A tenant with this slug exists.", List.of(new FieldError("slug", "Slug already taken."))));
    }

    /** One error per entry that is not a module there is: a typo would otherwise switch a module off for the whole tenant. */
    private static List<FieldError> unknownModules(List<String> modules) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; modules != null && i < modules.size(); i++) {
            String module = modules.get(i);
            if (module == null || !TenantModules.ALL.contains(module)) {
                errors.add(new FieldError("modules[" + i + "]", "Unknown module; the modules are " + String.join(" and ", TenantModules.ALL) + "."));
            }
        }
        return errors;
    }

    public Uni<MeView> setActive(Caller admin, UUID userId, AdminUserPatch patch) {
        if (patch == null) {
            throw ProblemException.badRequest("A JSON body is required.", List.of());
        }
        RequestValidation.throwIfAny(validation.violations(patch));
        Uni<Changed> changed = Panache.withTransaction(() -> Account.<Account>findById(userId).chain(account -> {
            if (account == null) {
                return Uni.createFrom().failure(ProblemException.notFound("No user with this id."));
            }
            account.active = patch.active();
            Uni<List<UUID>> ended = patch.active() ? Uni.createFrom().item(List.of()) : sessions.endAll(account.id);
            return ended.chain(sessionIds -> Profile.<Profile>findById(account.id)
                    .chain(profile -> (account.tenantId == null ? Uni.createFrom().<Tenant>nullItem() : Tenant.<Tenant>findById(account.tenantId))
                            .map(tenant -> new Changed(views.me(account, profile, tenant), sessionIds))));
        }));
        return changed.invoke(() -> LOG.infof("Account %s set active=%s by %s", userId, patch.active(), admin.userId()))
                .call(result -> endedSessions.publish(result.endedSessions()))
                .map(Changed::me);
    }
}
