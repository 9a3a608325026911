package dev.chatsuite.auth.caller;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.common.problem.DependencyFailures;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.common.problem.ProblemKind;
import dev.chatsuite.common.problem.ProblemType;
import dev.chatsuite.common.problem.Problems;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The answers to a refused caller, ahead of common's generic ones: the problem
 * {@link LiveSessionAugmentor} decided ({@code session-ended}, {@code account-disabled}, …), a 401
 * for a missing or invalid token, a 403 for a non-admin on an admin endpoint, and a 503 when the
 * database could not be asked.
 */
public class CallerProblems {

    private static final Logger LOG = Logger.getLogger(CallerProblems.class);
    private static final int PRIORITY = Priorities.USER - 101;
    private static final String NO_VALID_TOKEN = "A valid bearer access token is required.";

    @ServerExceptionMapper(priority = PRIORITY)
    public Response refused(AuthenticationFailedException e, UriInfo uri) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return answer(problem, uri);
            }
        }
        if (DependencyFailures.isDatabaseUnavailable(e)) {
            LOG.warnf("Database unreachable while checking the caller on %s: %s", uri.getPath(), e.toString());
            return answer(CommonProblem.DATABASE_UNAVAILABLE, DependencyFailures.DATABASE_DETAIL, uri);
        }
        return answer(CommonProblem.UNAUTHORIZED, NO_VALID_TOKEN, uri);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response anonymous(UnauthorizedException e, UriInfo uri) {
        return answer(CommonProblem.UNAUTHORIZED, NO_VALID_TOKEN, uri);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response notAdmin(ForbiddenException e, UriInfo uri) {
        return answer(CommonProblem.FORBIDDEN, "Only administrators may do this.", uri);
    }

    private static Response answer(ProblemKind kind, String detail, UriInfo uri) {
        return answer(kind.exception(detail), uri);
    }

    private static Response answer(ProblemException problem, UriInfo uri) {
        Response response = Problems.response(Problems.of(problem.status(), ProblemType.of(problem.slug()), problem.getMessage(),
                uri.getPath(), problem.errors()));
        return problem.status() == 401 ? Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build()
                : response;
    }
}
