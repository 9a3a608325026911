package dev.chatsuite.auth.tenant;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
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

import dev.chatsuite.auth.caller.Callers;
import dev.chatsuite.auth.profile.MeView;
import dev.chatsuite.auth.profile.TenantView;
import io.smallrye.mutiny.Uni;

@Path("/api/admin")
@Tag(name = "admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
public class AdminResource {

    private final Callers callers;
    private final AdminService admin;

    public AdminResource(Callers callers, AdminService admin) {
        this.callers = callers;
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
    public Uni<RestResponse<TenantView>> createTenant(@HeaderParam("Authorization") String authorization, CreateTenantRequest request) {
        return callers.requireAdmin(authorization).chain(caller -> admin.createTenant(caller, request))
                .map(tenant -> RestResponse.status(RestResponse.Status.CREATED, tenant));
    }

    @PATCH
    @Path("/users/{id}")
    @Operation(summary = "Disable (or re-enable) an account; disabling ends its sessions")
    @APIResponse(responseCode = "200", description = "The account as Me")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "No such user")
    public Uni<MeView> patchUser(@HeaderParam("Authorization") String authorization, @PathParam("id") UUID id, AdminUserPatch patch) {
        return callers.requireAdmin(authorization).chain(caller -> admin.setActive(caller, id, patch));
    }
}
