package dev.chatsuite.messaging.directory;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/** auth-service's public profiles, called with the caller's own token: it answers only users of the caller's tenant. */
@RegisterRestClient(configKey = "auth")
@Path("/api/users")
@ClientHeaderParam(name = "X-Request-Id", value = "{dev.chatsuite.common.request.RequestIds.current}", required = false)
public interface DirectoryClient {

    @GET
    @Path("/{id}")
    Uni<JsonObject> profile(@PathParam("id") UUID id, @HeaderParam("Authorization") String authorization);
}
