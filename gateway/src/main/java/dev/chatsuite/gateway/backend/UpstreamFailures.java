package dev.chatsuite.gateway.backend;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import dev.chatsuite.common.problem.CommonProblem;
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
        // Netty's TimeoutException shares its simple name with java.util.concurrent's.
        if (e instanceof TimeoutException || e instanceof io.netty.handler.timeout.TimeoutException
                || (e.getMessage() != null && e.getMessage().contains("timeout"))) {
            return CommonProblem.GATEWAY_TIMEOUT.exception("The " + upstream.name() + " service did not answer in time.");
        }
        if (e instanceof HttpClosedException) {
            return CommonProblem.BAD_GATEWAY.exception("The " + upstream.name() + " service closed the connection.");
        }
        return CommonProblem.BAD_GATEWAY.exception("The " + upstream.name() + " service cannot be reached.");
    }

    public static ProblemException noneHealthy(Upstream upstream) {
        return CommonProblem.SERVICE_UNAVAILABLE.exception("The " + upstream.name() + " service is unavailable; retry later.");
    }
}
