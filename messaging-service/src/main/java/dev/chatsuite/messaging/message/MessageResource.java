package dev.chatsuite.messaging.message;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
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

/** One message: its sender edits or deletes it. */
@Path("/api/messages/{id}")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    private final MessageService messages;
    private final SecurityIdentity identity;

    public MessageResource(MessageService messages, SecurityIdentity identity) {
        this.messages = messages;
        this.identity = identity;
    }

    @PATCH
    @Consumes({ MediaType.APPLICATION_JSON, "application/merge-patch+json" })
    @Operation(summary = "The sender edits a message's body")
    @APIResponse(responseCode = "200", description = "The message with editedAt")
    @APIResponse(responseCode = "403", description = "Not the sender")
    @APIResponse(responseCode = "404", description = "Not visible to you")
    @APIResponse(responseCode = "409", description = "The message was deleted")
    public Uni<MessageView> edit(@RestPath UUID id, EditMessageRequest request) {
        return messages.edit(Callers.of(identity), id, request);
    }

    @DELETE
    @Operation(summary = "The sender deletes a message; a tombstone stays")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Not the sender")
    @APIResponse(responseCode = "404", description = "Not visible to you")
    public Uni<RestResponse<Void>> delete(@RestPath UUID id) {
        return messages.delete(Callers.of(identity), id).map(v -> RestResponse.noContent());
    }

}
