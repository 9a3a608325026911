package dev.chatsuite.auth.token;

import java.util.UUID;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.chatsuite.auth.caller.Callers;
import dev.chatsuite.auth.caller.Paging;
import io.smallrye.mutiny.Uni;

@Path("/api/auth/sessions")
@Tag(name = "token")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final Callers callers;
    private final SessionService sessions;

    public SessionResource(Callers callers, SessionService sessions) {
        this.callers = callers;
        this.sessions = sessions;
    }

    @GET
    @Operation(summary = "The caller's live sessions")
    @APIResponse(responseCode = "200", description = "A page of sessions; current marks the session of the presented token")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Uni<SessionService.Page> list(@HeaderParam("Authorization") String authorization, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        int size = Paging.limit(limit);
        return callers.require(authorization).chain(caller -> sessions.list(caller, size, cursor));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "End one of the caller's sessions")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "401", description = "No valid token")
    @APIResponse(responseCode = "404", description = "No live session of the caller has this id")
    public Uni<RestResponse<Void>> end(@HeaderParam("Authorization") String authorization, @PathParam("id") UUID id) {
        return callers.require(authorization).chain(caller -> sessions.end(caller, id)).map(ignored -> RestResponse.noContent());
    }

    @DELETE
    @Operation(summary = "End every session of the caller but the current one")
    @APIResponse(responseCode = "204", description = "Ended")
    @APIResponse(responseCode = "401", description = "No valid token")
    public Uni<RestResponse<Void>> endOthers(@HeaderParam("Authorization") String authorization) {
        return callers.require(authorization).chain(sessions::endOthers).map(ignored -> RestResponse.noContent());
    }
}
