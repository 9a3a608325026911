package dev.chatsuite.gateway.body;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body on its way to a service, counted as it streams: the chunk that crosses
 * {@code max} is not passed on; {@code onOverflow} runs once instead, and nothing after it
 * (not even the end) reaches the service.
 */
public final class CappedStream implements ReadStream<Buffer> {

    private final ReadStream<Buffer> source;
    private final long max;
    private final Runnable onOverflow;
    private long seen;
    private boolean over;

    public CappedStream(ReadStream<Buffer> source, long max, Runnable onOverflow) {
        this.source = source;
        this.max = max;
        this.onOverflow = onOverflow;
    }

    @Override
    public CappedStream handler(Handler<Buffer> handler) {
        if (handler == null) {
            source.handler(null);
            return this;
        }
        source.handler(chunk -> {
            if (over) {
                return;
            }
            seen += chunk.length();
            if (seen > max) {
                over = true;
                onOverflow.run();
                return;
            }
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public CappedStream endHandler(Handler<Void> handler) {
        source.endHandler(handler == null ? null : ended -> {
            if (!over) {
                handler.handle(ended);
            }
        });
        return this;
    }

    @Override
    public CappedStream exceptionHandler(Handler<Throwable> handler) {
        source.exceptionHandler(handler == null ? null : failure -> {
            if (!over) {
                handler.handle(failure);
            }
        });
        return this;
    }

    @Override
    public CappedStream pause() {
        source.pause();
        return this;
    }

    @Override
    public CappedStream resume() {
        source.resume();
        return this;
    }

    @Override
    public CappedStream fetch(long amount) {
        source.fetch(amount);
        return this;
    }
}
