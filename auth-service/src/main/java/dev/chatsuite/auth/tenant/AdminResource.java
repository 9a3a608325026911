package dev.chatsuite.auth.tenant;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.chatsuite.auth.credential.Caller;
import dev.chatsuite.auth.user.MeView;
import dev.chatsuite.auth.user.TenantView;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/admin")
@Tag(name = "admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
@RolesAllowed("admin")
public class AdminResource {

    private final SecurityIdentity identity;
    private final AdminService admin;

    public AdminResource(SecurityIdentity identity, AdminService admin) {
        this.identity = identity;
        this.admin = admin;
    }

    @POST
    @Path("/tenants")
    @Operation(summary = "Create a tenant")
    @APIResponse(responseCode = "201", description = "The tenant")
    @APIResponse(responseCode = "400", description = "Invalid fields")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "409", description = "Slug taken")
    public Uni<RestResponse<TenantView>> createTenant(CreateTenantRequest request) {
        return admin.createTenant(Caller.of(identity), request)
                .map(tenant -> RestResponse.status(RestResponse.Status.CREATED, tenant));
    }

    @PATCH
    @Path("/users/{id}")
    @Operation(summary = "Disable (or re-enable) an account; disabling ends its sessions")
    @APIResponse(responseCode = "200", description = "The account as Me")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "No such user")
    public Uni<MeView> patchUser(@PathParam("id") UUID id, AdminUserPatch patch) {
        return admin.setActive(Caller.of(identity), id, patch);
    }
}
