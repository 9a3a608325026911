package dev.chatsuite.messaging.conversation;

import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/** One conversation: read it, and change its membership. */
@Path("/api/conversations/{id}")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationDetailResource {

    private final ConversationService conversations;
    private final SecurityIdentity identity;

    public ConversationDetailResource(ConversationService conversations, SecurityIdentity identity) {
        this.conversations = conversations;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "One conversation")
    @APIResponse(responseCode = "200", description = "The conversation")
    @APIResponse(responseCode = "404", description = "Not a participant, or no such conversation")
    public Uni<ConversationView> get(@RestPath UUID id) {
        return conversations.get(Callers.of(identity), id);
    }

    @POST
    @Path("/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a user of your tenant to a group")
    @APIResponse(responseCode = "201", description = "Added")
    @APIResponse(responseCode = "200", description = "Already a member")
    @APIResponse(responseCode = "403", description = "Not a group")
    @APIResponse(responseCode = "404", description = "Not a participant, or the user is unknown or of another tenant")
    public Uni<RestResponse<ConversationView>> addMember(@RestPath UUID id, AddMemberRequest request) {
        return conversations.addMember(Callers.of(identity), id, request)
                .map(outcome -> outcome.created() ? RestResponse.status(RestResponse.Status.CREATED, outcome.conversation())
                        : RestResponse.ok(outcome.conversation()));
    }

    @DELETE
    @Path("/members/{userId}")
    @Operation(summary = "Leave a group (a member may remove only themselves)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "Someone else, or a direct conversation")
    @APIResponse(responseCode = "404", description = "Not a participant")
    public Uni<RestResponse<Void>> removeMember(@RestPath UUID id, @RestPath UUID userId) {
        return conversations.removeMember(Callers.of(identity), id, userId).map(v -> RestResponse.noContent());
    }
}
