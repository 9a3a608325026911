package dev.chatsuite.media.upload;

import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import dev.chatsuite.media.caller.Callers;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Deleting a file; uploads are {@link UploadRoute} (a plain Vert.x route, see there why). */
@Path("/api/media")
@Authenticated
@SecurityRequirement(name = "bearer")
public class MediaResource {

    private final MediaDeletion deletion;
    private final SecurityIdentity caller;

    public MediaResource(MediaDeletion deletion, SecurityIdentity caller) {
        this.deletion = deletion;
        this.caller = caller;
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a file you uploaded")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "No valid access token (unauthorized), or its session has ended (session-ended)")
    @APIResponse(responseCode = "403", description = "Not yours")
    @APIResponse(responseCode = "404", description = "Unknown id")
    public Uni<RestResponse<Void>> delete(@RestPath UUID id) {
        return deletion.delete(Callers.id(caller), id).map(v -> RestResponse.noContent());
    }
}
