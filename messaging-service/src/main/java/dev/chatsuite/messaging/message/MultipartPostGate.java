package dev.chatsuite.messaging.message;

import java.util.UUID;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.chatsuite.common.problem.ProblemType;
import dev.chatsuite.common.problem.Problems;
import dev.chatsuite.messaging.participant.Participants;
import io.smallrye.mutiny.Uni;

/**
 * A multipart message post is checked before its files are read: the caller must take part in
 * the conversation (else the same 404 as any post), so a stranger cannot make this service
 * spool up to the whole multipart bound to disk. Request filters run before Quarkus REST reads
 * the body.
 */
public class MultipartPostGate {

    private final Participants participants;
    private final JsonWebToken jwt;

    public MultipartPostGate(Participants participants, JsonWebToken jwt) {
        this.participants = participants;
        this.jwt = jwt;
    }

    @ServerRequestFilter
    public Uni<Response> participantsOnly(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (!"POST".equals(request.getMethod()) || type == null || !type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE)
                || jwt.getSubject() == null) {
            return Uni.createFrom().nullItem();
        }
        UUID conversation = conversationOf(request.getUriInfo().getPath());
        if (conversation == null) {
            return Uni.createFrom().nullItem();
        }
        return participants.isParticipant(conversation, UUID.fromString(jwt.getSubject())).map(yes -> yes ? null
                : Response.fromResponse(Problems.response(Problems.of(404, ProblemType.forStatus(404),
                        "No conversation with this id is visible to you.", request.getUriInfo().getPath(), null)))
                        .header("Connection", "close").build());
    }

    /** The id in {@code /api/conversations/{id}/messages}, or null for any other path. */
    static UUID conversationOf(String path) {
        String prefix = "/api/conversations/";
        if (path == null || !path.startsWith(prefix) || !(path.endsWith("/messages") || path.endsWith("/messages/"))) {
            return null;
        }
        String id = path.substring(prefix.length(), path.lastIndexOf("/messages"));
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
