package dev.chatsuite.auth.profile;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** media-service, called with the caller's own token (it answers metadata only to the owner, or to anyone for avatars). */
@RegisterRestClient(configKey = "media")
@Path("/api/media")
@ClientHeaderParam(name = "X-Request-Id", value = "{dev.chatsuite.common.request.RequestIds.current}", required = false)
public interface MediaClient {

    @GET
    @Path("/{id}/metadata")
    Uni<MediaMetadata> metadata(@PathParam("id") UUID id, @HeaderParam("Authorization") String authorization);
}
