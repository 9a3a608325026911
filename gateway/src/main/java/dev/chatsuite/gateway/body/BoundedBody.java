package dev.chatsuite.gateway.body;

import dev.chatsuite.common.http.ContentLength;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a small body whole, counting bytes as they arrive: past {@code max} it stops keeping
 * them and fails with 413 at once, whether the length was declared or the body is chunked
 * ({@code HttpServerRequest.body()} would buffer everything a chunked client sends).
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    /** The body, or a 413 {@code ProblemException} as soon as it is known to be over {@code max}. */
    public static Uni<Buffer> read(HttpServerRequest request, long max) {
        if (ContentLength.parse(request.getHeader("Content-Length")) > max) {
            return Uni.createFrom().failure(Oversize.problem(max));
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (promise.future().isComplete()) {
                return;
            }
            if ((long) body.length() + chunk.length() > max) {
                promise.tryFail(Oversize.problem(max));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ended -> promise.tryComplete(body));
        request.exceptionHandler(promise::tryFail);
        request.resume();
        return Uni.createFrom().completionStage(promise.future().toCompletionStage());
    }
}
