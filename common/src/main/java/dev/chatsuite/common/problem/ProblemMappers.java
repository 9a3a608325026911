package dev.chatsuite.common.problem;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Maps every failure that reaches Quarkus REST to problem+json. The priorities sit above
 * Quarkus's built-in mappers so that none of them answers with its own body.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final int PRIORITY = Priorities.USER - 100;

    @ServerExceptionMapper(priority = PRIORITY)
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = Problems.response(Problems.of(e.status(), e.type(), e.getMessage(), path(uri), e.errors()));
        return e.status() == 401 ? Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build() : response;
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = FieldErrors.of(e.getConstraintViolations(), ProblemMappers::fieldName);
        return Problems.response(Problems.of(400, ProblemType.of("validation"),
                "The request has invalid fields; see errors.", path(uri), errors));
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return Problems.response(JsonProblems.describe(e, path(uri)));
    }

    // Quarkus REST has its own mapper for MismatchedInputException (a bare 400 without a body), and
    // the mapper of the nearest exception type wins over priority: these name the types exactly.
    @ServerExceptionMapper(priority = PRIORITY)
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response invalidJsonFormat(InvalidFormatException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unreadableJson(JsonMappingException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response invalidJson(JsonParseException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problems.response(Problems.of(403, ProblemType.forStatus(403), Problems.defaultDetail(403), path(uri), null));
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformedJson(json, uri);
        }
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.ResponseBuilder builder = Response.fromResponse(Problems.response(
                Problems.of(status, ProblemType.forStatus(status), Problems.defaultDetail(status), path(uri), null)));
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            builder.header(HttpHeaders.ALLOW, allow);
        }
        return builder.build();
    }

    @ServerExceptionMapper(priority = PRIORITY + 1)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (DependencyFailures.isDatabaseUnavailable(e)) {
            LOG.warnf("Database unreachable on %s: %s", path(uri), e.toString());
            return Problems.response(Problems.of(503, ProblemType.of(DependencyFailures.DATABASE_TYPE),
                    DependencyFailures.DATABASE_DETAIL, path(uri), null));
        }
        LOG.errorf(e, "Unexpected failure on %s", path(uri));
        return Problems.response(Problems.of(500, ProblemType.forStatus(500), Problems.defaultDetail(500), path(uri), null));
    }

    private static Response unauthorized(UriInfo uri) {
        return Response.fromResponse(Problems.response(
                Problems.of(401, ProblemType.forStatus(401), Problems.defaultDetail(401), path(uri), null)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    /** {@code register.request.email} becomes {@code email}; nested paths keep their tail after the arguments. */
    static String fieldName(Path path) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, PARAMETER, RETURN_VALUE, CROSS_PARAMETER -> names.clear();
                default -> {
                    if (node.getName() != null) {
                        names.add(node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName());
                    }
                }
            }
        }
        if (names.isEmpty()) {
            String full = path.toString();
            return full.substring(full.lastIndexOf('.') + 1);
        }
        return String.join(".", names);
    }
}
