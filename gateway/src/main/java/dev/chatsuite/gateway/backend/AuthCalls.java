package dev.chatsuite.gateway.backend;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.common.request.RequestIds;
import dev.chatsuite.gateway.body.BoundedBody;
import dev.chatsuite.gateway.route.Route.Service;
import dev.chatsuite.gateway.route.RouteTable;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/** The gateway's own calls to auth-service (login, refresh, me, logout), on the same pooled upstream. */
@ApplicationScoped
public class AuthCalls {

    /** auth's answers to these calls are a few hundred bytes; anything over this is refused while it streams. */
    static final long MAX_REPLY_BYTES = 256 * 1024;
    private final Upstream auth;

    public AuthCalls(Upstreams upstreams) {
        this.auth = upstreams.of(Service.AUTH);
    }

    /** auth-service's answer: status and JSON body (a problem when status ≥ 400). */
    public record Reply(int status, JsonObject body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public Uni<Reply> login(JsonObject credentials, String clientIp, String userAgent) {
        return call(HttpMethod.POST, RouteTable.LOGIN, credentials, null, clientIp, userAgent);
    }

    public Uni<Reply> refresh(String refreshToken) {
        return call(HttpMethod.POST, RouteTable.REFRESH, new JsonObject().put("refreshToken", refreshToken), null, null, null);
    }

    public Uni<Reply> logout(String refreshToken) {
        return call(HttpMethod.POST, RouteTable.LOGOUT, new JsonObject().put("refreshToken", refreshToken), null, null, null);
    }

    /** auth-service's public keys (a JWKS document). */
    public Uni<Reply> jwks(String path) {
        return call(HttpMethod.GET, path, null, null, null, null);
    }

    public Uni<Reply> me(String accessToken) {
        return call(HttpMethod.GET, RouteTable.ME, null, accessToken, null, null);
    }

    private Uni<Reply> call(HttpMethod method, String path, JsonObject body, String accessToken, String clientIp, String userAgent) {
        Upstream.Target target = auth.pick().orElse(null);
        if (target == null) {
            return Uni.createFrom().failure(UpstreamFailures.noneHealthy(auth));
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Accept", "application/json");
        String requestId = RequestIds.current();
        if (requestId != null) {
            headers.add(RequestIds.HEADER, requestId);
        }
        if (accessToken != null) {
            headers.add("Authorization", "Bearer " + accessToken);
        }
        if (clientIp != null) {
            headers.add("X-Forwarded-For", clientIp);
        }
        if (userAgent != null) {
            headers.add("User-Agent", userAgent);
        }
        RequestOptions options = new RequestOptions().setHost(target.host()).setPort(target.port()).setSsl(target.ssl())
                .setMethod(method).setURI(path).setHeaders(headers).setIdleTimeout(auth.config().idleTimeout().toMillis());
        Future<Reply> reply = auth.http().request(options).compose(request -> {
            if (body != null) {
                request.putHeader("Content-Type", "application/json");
                return request.send(body.toBuffer());
            }
            return request.send();
        }).compose(response -> Future.fromCompletionStage(
                // Read in the callback that delivers the answer, so no chunk arrives before the handler.
                BoundedBody.read(response, response.getHeader("Content-Length"), MAX_REPLY_BYTES)
                        .map(bytes -> new Reply(response.statusCode(), json(bytes)))
                        .onFailure(ProblemException.class).transform(tooBig -> {
                            // Not the browser's 413: auth misbehaved. Drop the rest of its answer.
                            response.request().reset();
                            return CommonProblem.BAD_GATEWAY.exception("The auth service answered with an oversized body.");
                        })
                        .subscribeAsCompletionStage()));
        return Uni.createFrom().completionStage(reply.toCompletionStage())
                .onFailure().invoke(e -> {
                    if (UpstreamFailures.isConnectFailure(e)) {
                        auth.markDown(target);
                    }
                })
                .onFailure().transform(e -> UpstreamFailures.problem(auth, e));
    }

    private static JsonObject json(Buffer bytes) {
        try {
            return bytes.length() == 0 ? new JsonObject() : bytes.toJsonObject();
        } catch (RuntimeException e) {
            return new JsonObject();
        }
    }
}
