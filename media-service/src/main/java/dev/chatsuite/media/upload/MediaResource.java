package dev.chatsuite.media.upload;

import java.net.URI;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.chatsuite.media.catalog.MediaView;
import dev.chatsuite.media.catalog.MediaViews;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/media")
@Authenticated
@SecurityRequirement(name = "bearer")
public class MediaResource {

    private final UploadService uploads;
    private final MediaViews views;
    private final JsonWebToken jwt;

    public MediaResource(UploadService uploads, MediaViews views, JsonWebToken jwt) {
        this.uploads = uploads;
        this.views = views;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a file (part `file`), optionally with `purpose` avatar or attachment")
    @APIResponse(responseCode = "201", description = "Stored")
    @APIResponse(responseCode = "400", description = "No file part, empty file or unknown purpose")
    @APIResponse(responseCode = "401", description = "No valid access token")
    @APIResponse(responseCode = "413", description = "Over the size limit")
    @APIResponse(responseCode = "415", description = "The bytes are not an allowed type")
    @APIResponse(responseCode = "422", description = "Undecodable image, or more pixels than allowed")
    @APIResponse(responseCode = "503", description = "Storage unreachable")
    public Uni<RestResponse<MediaView>> upload(@RestForm("file") FileUpload file, @RestForm String purpose) {
        UUID owner = UUID.fromString(jwt.getSubject());
        return uploads.upload(owner, file == null ? null : file.uploadedFile(), file == null ? null : file.fileName(), purpose)
                .map(media -> RestResponse.ResponseBuilder.<MediaView>created(URI.create("/api/media/" + media.id))
                        .entity(views.of(media)).build());
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
