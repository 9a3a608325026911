package dev.chatsuite.media.upload;

import java.util.ArrayDeque;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * The bytes of an upload's file part as a stream. Pausing it pauses the request; what the
 * parser had already found in the chunk being read waits here (no more than one network
 * chunk, which is kept as it came, not copied).
 */
final class FilePart implements ReadStream<Buffer> {

    private final String fileName;
    private final ReadStream<Buffer> request;
    private final ArrayDeque<Buffer> waiting = new ArrayDeque<>();
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;
    private boolean paused;
    private boolean ended;
    private boolean endDelivered;
    private Throwable failure;

    /** @param request the body the part is read from: pausing the part pauses it */
    FilePart(String fileName, ReadStream<Buffer> request) {
        this.fileName = fileName;
        this.request = request;
    }

    /** The name the client gave the file, or null. */
    String fileName() {
        return fileName;
    }

    /** The next bytes of the file, from the parser. */
    void push(Buffer bytes) {
        if (paused || handler == null || !waiting.isEmpty()) {
            waiting.add(bytes);
        } else {
            handler.handle(bytes);
        }
    }

    /** The part has ended; the end handler runs once what is waiting has been handled. */
    void end() {
        ended = true;
        deliver();
    }

    /** The body could not be read to the part's end. */
    void fail(Throwable failure) {
        this.failure = failure;
        if (!endDelivered && exceptionHandler != null) {
            exceptionHandler.handle(failure);
        }
    }

    @Override
    public FilePart handler(Handler<Buffer> handler) {
        this.handler = handler;
        deliver();
        return this;
    }

    @Override
    public FilePart endHandler(Handler<Void> endHandler) {
        this.endHandler = endHandler;
        deliver();
        return this;
    }

    @Override
    public FilePart exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        // A handler set after the failure (the spool file was still opening) hears of it too.
        if (failure != null && !endDelivered && handler != null) {
            handler.handle(failure);
        }
        return this;
    }

    @Override
    public FilePart pause() {
        paused = true;
        request.pause();
        return this;
    }

    @Override
    public FilePart resume() {
        paused = false;
        deliver();
        if (!paused) {
            request.resume();
        }
        return this;
    }

    @Override
    public FilePart fetch(long amount) {
        return resume();
    }

    private void deliver() {
        while (!paused && handler != null && !waiting.isEmpty()) {
            handler.handle(waiting.poll());
        }
        if (!paused && ended && waiting.isEmpty() && !endDelivered && endHandler != null && handler != null) {
            endDelivered = true;
            endHandler.handle(null);
        }
    }
}
