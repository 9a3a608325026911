package dev.chatsuite.auth.profile;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.chatsuite.auth.credential.Caller;
import dev.chatsuite.auth.user.MeView;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/auth/me")
@Tag(name = "profile")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class MeResource {

    private final SecurityIdentity identity;
    private final ProfileService profiles;

    public MeResource(SecurityIdentity identity, ProfileService profiles) {
        this.identity = identity;
        this.profiles = profiles;
    }

    @GET
    @Operation(summary = "The caller's own account")
    @APIResponse(responseCode = "200", description = "Me")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Uni<MeView> me() {
        return profiles.me(Caller.of(identity));
    }

    @PATCH
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(summary = "Merge-patch the caller's profile")
    @APIResponse(responseCode = "200", description = "Me")
    @APIResponse(responseCode = "400", description = "Invalid fields; an avatar must be an image the caller uploaded")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Uni<MeView> patch(JsonNode patch) {
        return profiles.patch(Caller.of(identity), patch);
    }
}
