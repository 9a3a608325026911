package dev.chatsuite.media.storage;

import java.nio.file.Path;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.WriteStream;

/**
 * The bytes of one object on their way to a client and into a new copy, with the backpressure
 * of both. The copy is kept only when exactly the object's size went through and the stream was
 * ended; a failing copy never holds the client up, and {@link #abandon()} gives it up.
 */
final class CopyingStream implements LocalCopies.Filling {

    private static final int FILL_QUEUE = 1024 * 1024;
    private final LocalCopies copies;
    private final String key;
    private final long size;
    private final WriteStream<Buffer> client;
    private final Path file;
    /** Null until the file is open, and again once the copy is given up. */
    private AsyncFile out;
    private boolean abandoned;
    private boolean pendingEnd;
    private long written;
    private Buffer early = Buffer.buffer();
    private Handler<Void> drain;

    /** @param file where the copy goes; null when no copy is to be made (the bytes only pass through) */
    CopyingStream(Vertx vertx, LocalCopies copies, String key, long size, WriteStream<Buffer> client, Path file) {
        this.copies = copies;
        this.key = key;
        this.size = size;
        this.client = client;
        this.file = file;
        if (file == null) {
            abandoned = true;
            return;
        }
        vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setCreateNew(true)).onComplete(opened -> {
            if (opened.failed() || abandoned) {
                if (opened.succeeded()) {
                    opened.result().close().onComplete(closed -> copies.deleteFile(file));
                }
                abandoned = true;
                return;
            }
            out = opened.result().setWriteQueueMaxSize(FILL_QUEUE);
            out.exceptionHandler(e -> abandon());
            if (early.length() > 0) {
                out.write(early);
            }
            early = null;
            if (pendingEnd) {
                finish();
            }
        });
    }

    @Override
    public Future<Void> write(Buffer data) {
        if (!abandoned) {
            written += data.length();
            if (out != null) {
                out.write(data);
            } else if (early.length() + data.length() <= FILL_QUEUE) {
                early.appendBuffer(data);
            } else {
                // The file is slow to open: give the copy up rather than hold more.
                abandon();
            }
        }
        return client.write(data);
    }

    @Override
    public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
        write(data).onComplete(handler);
    }

    @Override
    public Future<Void> end() {
        Future<Void> ended = client.end();
        if (!abandoned) {
            if (out == null) {
                pendingEnd = true;
            } else {
                finish();
            }
        }
        return ended;
    }

    @Override
    public void end(Handler<AsyncResult<Void>> handler) {
        end().onComplete(handler);
    }

    private void finish() {
        AsyncFile done = out;
        out = null;
        boolean complete = written == size;
        done.close().onComplete(closed -> {
            if (closed.succeeded() && complete && !abandoned) {
                copies.keep(key, new LocalCopies.Copy(file, size));
            } else {
                copies.deleteFile(file);
            }
        });
    }

    @Override
    public void abandon() {
        if (abandoned) {
            return;
        }
        abandoned = true;
        early = null;
        if (out != null) {
            AsyncFile done = out;
            out = null;
            done.close().onComplete(closed -> copies.deleteFile(file));
        }
        drained();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        client.exceptionHandler(handler);
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        client.setWriteQueueMaxSize(maxSize);
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return client.writeQueueFull() || (out != null && out.writeQueueFull());
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        drain = handler;
        client.drainHandler(v -> drained());
        if (out != null) {
            out.drainHandler(v -> drained());
        }
        return this;
    }

    private void drained() {
        if (drain != null && !writeQueueFull()) {
            Handler<Void> h = drain;
            drain = null;
            h.handle(null);
        }
    }
}
