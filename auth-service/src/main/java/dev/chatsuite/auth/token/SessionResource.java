package dev.chatsuite.auth.token;

import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.chatsuite.auth.credential.Caller;
import dev.chatsuite.auth.user.Paging;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/auth/sessions")
@Tag(name = "token")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SessionResource {

    private final SecurityIdentity identity;
    private final SessionService sessions;

    public SessionResource(SecurityIdentity identity, SessionService sessions) {
        this.identity = identity;
        this.sessions = sessions;
    }

    @GET
    @Operation(summary = "The caller's live sessions")
    @APIResponse(responseCode = "200", description = "A page of sessions; current marks the session of the presented token")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Uni<SessionService.Page> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return sessions.list(Caller.of(identity), Paging.limit(limit), cursor);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "End one of the caller's sessions")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "No live session of the caller has this id")
    public Uni<RestResponse<Void>> end(@PathParam("id") UUID id) {
        return sessions.end(Caller.of(identity), id).map(ignored -> RestResponse.noContent());
    }

    @DELETE
    @Operation(summary = "End every session of the caller but the current one")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Uni<RestResponse<Void>> endOthers() {
        return sessions.endOthers(Caller.of(identity)).map(ignored -> RestResponse.noContent());
    }
}
