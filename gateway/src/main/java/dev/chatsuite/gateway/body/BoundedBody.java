package dev.chatsuite.gateway.body;

import dev.chatsuite.common.http.ContentLength;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;

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
        return read(request, request.getHeader("Content-Length"), max);
    }

    /**
     * Any body stream (a client's request, a service's answer) with its declared length (or
     * null): the bytes, or a 413 {@code ProblemException} once they are over {@code max}.
     */
    public static Uni<Buffer> read(ReadStream<Buffer> stream, String declaredLength, long max) {
        if (ContentLength.parse(declaredLength) > max) {
            return Uni.createFrom().failure(Oversize.problem(max));
        }
        Promise<Buffer> promise = Promise.promise();
        Buffer body = Buffer.buffer();
        stream.handler(chunk -> {
            if (promise.future().isComplete()) {
                return;
            }
            if ((long) body.length() + chunk.length() > max) {
                promise.tryFail(Oversize.problem(max));
                return;
            }
            body.appendBuffer(chunk);
        });
        stream.endHandler(ended -> promise.tryComplete(body));
        stream.exceptionHandler(promise::tryFail);
        stream.resume();
        return Uni.createFrom().completionStage(promise.future().toCompletionStage());
    }
}
