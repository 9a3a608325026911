package dev.chatsuite.auth.profile;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsuite.auth.caller.Callers;
import dev.chatsuite.auth.password.PasswordChangeRequest;
import dev.chatsuite.auth.password.PasswordService;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@Path("/api/auth/me")
@Tag(name = "profile")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private final Callers callers;
    private final ProfileService profiles;
    private final PasswordService passwords;

    public MeResource(Callers callers, ProfileService profiles, PasswordService passwords) {
        this.callers = callers;
        this.profiles = profiles;
        this.passwords = passwords;
    }

    @GET
    @Operation(summary = "The caller's own account")
    @APIResponse(responseCode = "200", description = "Me")
    @APIResponse(responseCode = "401", description = "No valid token")
    @WithSession // one session for the caller check and the profile: the account is read once
    public Uni<MeView> me(@HeaderParam("Authorization") String authorization) {
        return callers.require(authorization).chain(profiles::me);
    }

    @PATCH
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(summary = "Merge-patch the caller's profile")
    @APIResponse(responseCode = "200", description = "Me")
    @APIResponse(responseCode = "400", description = "Invalid fields; an avatar must be an image the caller uploaded")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Uni<MeView> patch(@HeaderParam("Authorization") String authorization, JsonNode patch) {
        return callers.require(authorization).chain(caller -> profiles.patch(caller, patch));
    }

    @POST
    @Path("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the password; ends every session")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", description = "Invalid new password")
    @APIResponse(responseCode = "401", description = "No valid token, or the current password is wrong")
    public Uni<RestResponse<Void>> changePassword(@HeaderParam("Authorization") String authorization, PasswordChangeRequest request) {
        return callers.require(authorization).chain(caller -> passwords.change(caller, request)).map(ignored -> RestResponse.noContent());
    }
}
