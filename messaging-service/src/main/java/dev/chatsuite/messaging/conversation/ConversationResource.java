package dev.chatsuite.messaging.conversation;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import dev.chatsuite.messaging.caller.Callers;
import dev.chatsuite.messaging.page.Page;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** The caller's conversations: start one, list them. */
@Path("/api/conversations")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {

    private final ConversationService conversations;
    private final SecurityIdentity identity;

    public ConversationResource(ConversationService conversations, SecurityIdentity identity) {
        this.conversations = conversations;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get-or-create a direct conversation, or create a group")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "200", description = "The existing direct conversation of this pair")
    @APIResponse(responseCode = "400", description = "Field errors, or a direct conversation with yourself")
    @APIResponse(responseCode = "404", description = "A participant is unknown or of another tenant")
    public Uni<RestResponse<ConversationView>> create(CreateConversationRequest request) {
        return conversations.create(Callers.of(identity), request).map(outcome -> outcome.created()
                ? RestResponse.ResponseBuilder.<ConversationView>created(URI.create("/api/conversations/" + outcome.conversation().id()))
                        .entity(outcome.conversation()).build()
                : RestResponse.ok(outcome.conversation()));
    }

    @GET
    @Operation(summary = "Your conversations, most recent activity first")
    @APIResponse(responseCode = "200", description = "A page of conversations")
    @APIResponse(responseCode = "400", description = "Bad limit or cursor")
    public Uni<Page<ConversationView>> list(@RestQuery Integer limit, @RestQuery String cursor) {
        return conversations.list(Callers.of(identity), limit, cursor);
    }

}
