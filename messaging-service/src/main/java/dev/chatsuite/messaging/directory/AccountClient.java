package dev.chatsuite.messaging.directory;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/** auth-service's {@code GET /api/auth/me}: whether a token's account is still active (401 {@code account-disabled} once disabled). */
@RegisterRestClient(configKey = "auth")
@Path("/api/auth/me")
@ClientHeaderParam(name = "X-Request-Id", value = "{dev.chatsuite.common.request.RequestIds.current}", required = false)
public interface AccountClient {

    @GET
    Uni<JsonObject> me(@HeaderParam("Authorization") String authorization);
}
