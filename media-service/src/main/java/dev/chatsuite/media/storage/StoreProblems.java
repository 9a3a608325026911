package dev.chatsuite.media.storage;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.common.problem.Problems;
import dev.chatsuite.media.MediaProblem;

/** An unreachable object store is the client's 503 (retry later), never a 500 carrying the SDK's message. */
public class StoreProblems {

    static final String DETAIL = "Media storage is unreachable right now; retry later.";

    public static Throwable of(Throwable failure) {
        return failure instanceof ObjectStore.StoreUnavailableException ? problem() : failure;
    }

    @ServerExceptionMapper(priority = Priorities.USER - 200)
    public Response unavailable(ObjectStore.StoreUnavailableException e, UriInfo uri) {
        ProblemException problem = problem();
        return Problems.response(Problems.of(problem.status(), problem.type(), DETAIL, uri.getPath(), null));
    }

    private static ProblemException problem() {
        return MediaProblem.STORAGE_UNAVAILABLE.exception(DETAIL);
    }
}
