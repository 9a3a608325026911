package dev.chatsuite.gateway.upstream;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import dev.chatsuite.common.problem.ProblemException;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.HttpClosedException;

/** What the client is told when an upstream fails: 502 unreachable, 503 none healthy, 504 too slow. Never the upstream's internals. */
public final class UpstreamFailures {

    private UpstreamFailures() {
    }

    public static boolean isConnectFailure(Throwable e) {
        return e instanceof ConnectException || e instanceof ConnectTimeoutException
                || (e.getCause() != null && e.getCause() != e && isConnectFailure(e.getCause()));
    }

    public static ProblemException problem(Upstream upstream, Throwable e) {
        if (e instanceof ProblemException problem) {
            return problem;
        }
        if (e instanceof TimeoutException || e instanceof io.netty.handler.timeout.TimeoutException
                || (e.getMessage() != null && e.getMessage().contains("timeout"))) {
            return new ProblemException(504, "gateway-timeout", "The " + upstream.name() + " service did not answer in time.");
        }
        if (e instanceof HttpClosedException) {
            return new ProblemException(502, "bad-gateway", "The " + upstream.name() + " service closed the connection.");
        }
        return new ProblemException(502, "bad-gateway", "The " + upstream.name() + " service cannot be reached.");
    }

    public static ProblemException noneHealthy(Upstream upstream) {
        return new ProblemException(503, "service-unavailable", "The " + upstream.name() + " service is unavailable; retry later.");
    }
}
