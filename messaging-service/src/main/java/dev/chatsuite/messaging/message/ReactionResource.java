package dev.chatsuite.messaging.message;

import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

import dev.chatsuite.messaging.caller.Callers;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The caller's reaction to a message: one emoji (URL-encoded), idempotent. */
@Path("/api/messages/{id}/reactions/{emoji}")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ReactionResource {

    private final ReactionService reactions;
    private final SecurityIdentity identity;

    public ReactionResource(ReactionService reactions, SecurityIdentity identity) {
        this.reactions = reactions;
        this.identity = identity;
    }

    @PUT
    @Operation(summary = "React with one emoji; idempotent")
    @APIResponse(responseCode = "204", description = "The caller has this reaction")
    @APIResponse(responseCode = "400", description = "Not exactly one emoji, or the message already has 20 other emoji")
    @APIResponse(responseCode = "404", description = "Not visible to you")
    @APIResponse(responseCode = "409", description = "The message was deleted")
    public Uni<RestResponse<Void>> put(@RestPath UUID id, @RestPath String emoji) {
        return reactions.put(Callers.of(identity), id, emoji).map(v -> RestResponse.noContent());
    }

    @DELETE
    @Operation(summary = "Remove your reaction; idempotent")
    @APIResponse(responseCode = "204", description = "The caller no longer has this reaction")
    @APIResponse(responseCode = "404", description = "Not visible to you")
    public Uni<RestResponse<Void>> remove(@RestPath UUID id, @RestPath String emoji) {
        return reactions.remove(Callers.of(identity), id, emoji).map(v -> RestResponse.noContent());
    }
}
