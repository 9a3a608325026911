package dev.chatsuite.auth.profile;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.chatsuite.auth.caller.Callers;
import dev.chatsuite.auth.caller.Paging;
import io.smallrye.mutiny.Uni;

@Path("/api/users")
@Tag(name = "profile")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    private final Callers callers;
    private final ProfileService profiles;

    public UserResource(Callers callers, ProfileService profiles) {
        this.callers = callers;
        this.profiles = profiles;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Public profile of a user of the caller's tenant")
    @APIResponse(responseCode = "200", description = "PublicProfile (never the email)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "Unknown, disabled, or of another tenant")
    public Uni<PublicProfileView> get(@HeaderParam("Authorization") String authorization, @PathParam("id") UUID id) {
        return callers.require(authorization).chain(caller -> profiles.publicProfile(caller, id));
    }

    @GET
    @Operation(summary = "Prefix search on username and display name within the caller's tenant")
    @APIResponse(responseCode = "200", description = "A page of PublicProfile, by username")
    @APIResponse(responseCode = "400", description = "limit outside 1..100")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Uni<ProfileService.Page> search(@HeaderParam("Authorization") String authorization, @QueryParam("q") String q,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = Paging.limit(limit);
        return callers.require(authorization).chain(caller -> profiles.search(caller, q, size, cursor));
    }
}
