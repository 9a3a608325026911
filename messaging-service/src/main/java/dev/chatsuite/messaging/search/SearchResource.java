package dev.chatsuite.messaging.search;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestQuery;

import dev.chatsuite.messaging.caller.Callers;
import dev.chatsuite.messaging.page.Page;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Full-text search over the caller's conversations. */
@Path("/api/search/messages")
@Authenticated
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private final SearchService search;
    private final SecurityIdentity identity;

    public SearchResource(SearchService search, SecurityIdentity identity) {
        this.search = search;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "Search the messages of your conversations, newest first")
    @APIResponse(responseCode = "200", description = "A page of {message, conversationTitle, highlight}")
    @APIResponse(responseCode = "400", description = "q empty or over 200 characters; bad limit, cursor or before")
    @APIResponse(responseCode = "404", description = "conversationId is not a conversation of yours")
    public Uni<Page<SearchHit>> search(@RestQuery String q, @RestQuery UUID conversationId, @RestQuery String before, @RestQuery Integer limit,
            @RestQuery String cursor) {
        return search.search(Callers.of(identity), q, conversationId, before, limit, cursor);
    }
}
