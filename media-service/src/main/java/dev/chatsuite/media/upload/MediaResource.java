package dev.chatsuite.media.upload;

import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

/** Deleting a file; uploads are {@link UploadRoute} (a plain Vert.x route, see there why). */
@Path("/api/media")
@Authenticated
@SecurityRequirement(name = "bearer")
public class MediaResource {

    private final UploadService uploads;
    private final JsonWebToken jwt;

    public MediaResource(UploadService uploads, JsonWebToken jwt) {
        this.uploads = uploads;
        this.jwt = jwt;
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a file you uploaded")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Not yours")
    @APIResponse(responseCode = "404", description = "Unknown id")
    public Uni<RestResponse<Void>> delete(@RestPath UUID id) {
        return uploads.delete(UUID.fromString(jwt.getSubject()), id).map(v -> RestResponse.noContent());
    }
}
