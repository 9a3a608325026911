package dev.chatsuite.media.caller;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.common.problem.ProblemType;
import dev.chatsuite.common.problem.Problems;
import dev.chatsuite.media.MediaProblem;
import io.quarkus.security.AuthenticationFailedException;

/**
 * A failed authentication on a resource: 401 {@code session-ended} when the token's session
 * has ended, the generic 401 {@code unauthorized} otherwise (as the common mappers answer it).
 */
public class CallerProblems {

    /** The problem for a token whose session has ended. */
    public static ProblemException sessionEnded() {
        return MediaProblem.SESSION_ENDED.exception(SessionEndedException.DETAIL);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 200)
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        String path = uri == null ? null : uri.getPath();
        var problem = SessionEndedException.causes(e)
                ? Problems.of(401, MediaProblem.SESSION_ENDED.type(), SessionEndedException.DETAIL, path, null)
                : Problems.of(401, ProblemType.forStatus(401), Problems.defaultDetail(401), path, null);
        return Response.fromResponse(Problems.response(problem)).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
