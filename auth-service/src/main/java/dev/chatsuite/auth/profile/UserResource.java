package dev.chatsuite.auth.profile;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.chatsuite.auth.credential.Caller;
import dev.chatsuite.auth.user.Paging;
import dev.chatsuite.auth.user.PublicProfileView;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/users")
@Tag(name = "profile")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class UserResource {

    private final SecurityIdentity identity;
    private final ProfileService profiles;

    public UserResource(SecurityIdentity identity, ProfileService profiles) {
        this.identity = identity;
        this.profiles = profiles;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Public profile of a user of the caller's tenant")
    @APIResponse(responseCode = "200", description = "PublicProfile (never the email)")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "Unknown, disabled, or of another tenant")
    public Uni<PublicProfileView> get(@PathParam("id") UUID id) {
        return profiles.publicProfile(Caller.of(identity), id);
    }

    @GET
    @Operation(summary = "Prefix search on username and display name within the caller's tenant")
    @APIResponse(responseCode = "200", description = "A page of PublicProfile, by username")
    @APIResponse(responseCode = "400", description = "limit outside 1..100")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Uni<ProfileService.Page> search(@QueryParam("q") String q, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return profiles.search(Caller.of(identity), q, Paging.limit(limit), cursor);
    }
}
