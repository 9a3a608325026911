package dev.chatsuite.messaging.caller;

import jakarta.ws.rs.Priorities;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.common.tenant.TenantModules;
import dev.chatsuite.messaging.MessagingProblem;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Refuses every REST request of a caller whose tenant lacks the module {@code chat}: 403
 * {@code module-disabled}, after the ended-session check and before any resource or body reader runs.
 */
public class ChatModuleFilter {

    private final SecurityIdentity identity;

    public ChatModuleFilter(SecurityIdentity identity) {
        this.identity = identity;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION)
    public void refuseTenantsWithoutChat() {
        if (identity.getPrincipal() instanceof JsonWebToken token && !TenantModules.allows(token, TenantModules.CHAT)) {
            throw refusal(TenantModules.CHAT);
        }
    }

    /** The problem for a caller whose tenant lacks {@code module}. */
    public static ProblemException refusal(String module) {
        return MessagingProblem.MODULE_DISABLED.exception(TenantModules.refusal(module));
    }
}
