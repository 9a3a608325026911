package dev.chatsuite.messaging.attachment;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

import io.smallrye.mutiny.Uni;

/** media-service, always called with the caller's own token. */
@RegisterRestClient(configKey = "media")
@Path("/api/media")
@ClientHeaderParam(name = "X-Request-Id", value = "{dev.chatsuite.common.request.RequestIds.current}", required = false)
public interface MediaClient {

    /** Streams the form's file from disk to media-service. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Uni<AttachmentRecord> upload(ClientMultipartForm form, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/{id}/metadata")
    Uni<AttachmentRecord> metadata(@PathParam("id") UUID id, @HeaderParam("Authorization") String authorization);

    @DELETE
    @Path("/{id}")
    Uni<Void> delete(@PathParam("id") UUID id, @HeaderParam("Authorization") String authorization);
}
