package dev.chatsuite.media.upload;

import java.nio.file.Path;
import java.util.function.Consumer;

import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.media.MediaProblem;
import io.netty.buffer.ByteBuf;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;

/**
 * The file part of one upload on its way to a spool file, and to the store as well when
 * {@link EarlyPut} takes it: gathered into batches, counted against the size limit chunk by
 * chunk (refused the moment it passes), paused while either writer is behind.
 */
final class FileSpool {

    private static final int WRITE_BATCH = 256 * 1024;
    /**
     * Batch memory: direct, so that neither the store's socket nor the spool file's channel
     * copies it to native memory first, and reused (see BatchMemory). Room for a batch and one
     * more network chunk; 64 kept idle cover about a dozen uploads in flight.
     */
    private static final BatchMemory BATCHES = new BatchMemory(WRITE_BATCH + 64 * 1024, 64);

    private final Vertx vertx;
    private final Path file;
    private final EarlyPut early;
    private final long maxBytes;
    private final int firstBatch;
    private final Consumer<ProblemException> refuse;
    private final Promise<Void> written = Promise.promise();
    /** The file as stored while it arrived; null when it was not. */
    private EarlyPut.Stored stored;
    private boolean started;
    private String fileName;
    private long bytes;
    private long skipped;
    private AsyncFile out;
    /** The batch being gathered, in reused memory off the heap; null once the request is over. */
    private ByteBuf pendingMemory = BATCHES.take();
    private Buffer pending = Buffer.buffer(pendingMemory);

    /**
     * @param firstBatch length of the first batch: what the type check needs, so that the store's
     *        request opens as early as it can
     * @param refuse answers the client when the file is over the limit
     */
    FileSpool(Vertx vertx, Path file, EarlyPut early, long maxBytes, int firstBatch, Consumer<ProblemException> refuse) {
        this.vertx = vertx;
        this.file = file;
        this.early = early;
        this.maxBytes = maxBytes;
        this.firstBatch = firstBatch;
        this.refuse = refuse;
    }

    /** Completes when the file part is on disk; at once when the request had none. */
    Future<Void> done() {
        return started ? written.future() : Future.succeededFuture();
    }

    /** The spooled file, or null when the request had no file part. */
    Path path() {
        return started ? file : null;
    }

    /** The file as the store kept it while it arrived, or null. */
    EarlyPut.Stored stored() {
        return stored;
    }

    /** The name the client gave the file, or null. */
    String fileName() {
        return fileName;
    }

    /** The file part has begun: opens the spool file and writes the part to it as it comes. */
    void start(FilePart part) {
        started = true;
        fileName = part.fileName();
        early.start(part);
        part.pause();
        vertx.fileSystem().open(file.toString(), new OpenOptions().setCreateNew(true).setWrite(true)).onComplete(opened -> {
            if (opened.failed()) {
                fail(opened.cause());
                part.resume();
                return;
            }
            // Backpressure after a few batches, not after the default 8 MiB per upload.
            out = opened.result().setWriteQueueMaxSize(4 * WRITE_BATCH);
            part.handler(chunk -> {
                if (pending == null) {
                    // The request is over (answered, or the client left): what still comes is dropped.
                    return;
                }
                bytes += chunk.length();
                if (bytes > maxBytes) {
                    tooLarge();
                    return;
                }
                pending.appendBuffer(chunk);
                if (pending.length() >= (early.gathering() ? firstBatch : WRITE_BATCH)) {
                    flush();
                }
                if (out.writeQueueFull() || early.full()) {
                    part.pause();
                    out.drainHandler(v -> resumeWhenDrained(part));
                    if (early.full()) {
                        early.drainHandler(() -> resumeWhenDrained(part));
                    }
                }
            });
            part.exceptionHandler(e -> {
                out.close();
                fail(e);
            });
            part.endHandler(v -> {
                Future<Void> spooled = flush().compose(ignored -> out.close());
                Future<EarlyPut.Stored> sent = early.finish(bytes);
                Future.all(spooled, sent).onComplete(closed -> {
                    if (closed.succeeded()) {
                        stored = sent.result();
                        written.tryComplete();
                    } else {
                        fail(closed.cause());
                    }
                });
            });
            part.resume();
        });
    }

    /** A dropped file part's chunk: it counts against the limit all the same. */
    void skip(int length) {
        skipped += length;
        if (skipped > maxBytes) {
            tooLarge();
        }
    }

    /** The request failed or ended: nothing more is written or stored. */
    void fail(Throwable e) {
        early.abort();
        written.tryFail(e);
    }

    /** Frees the batch being gathered, when the request is over. */
    void release() {
        if (pendingMemory != null) {
            BATCHES.give(pendingMemory);
            pendingMemory = null;
            pending = null;
        }
    }

    private void resumeWhenDrained(FilePart part) {
        if (!out.writeQueueFull() && !early.full()) {
            part.resume();
        }
    }

    /**
     * Writes what has gathered, to the spool file and to the store: network chunks are small,
     * and a write per chunk would cost a system call (and for the file a thread hand-off) each.
     */
    private Future<Void> flush() {
        if (pending == null || pending.length() == 0) {
            return Future.succeededFuture();
        }
        Buffer batch = pending;
        ByteBuf memory = pendingMemory;
        pendingMemory = BATCHES.take();
        pending = Buffer.buffer(pendingMemory);
        Future<Void> toStore = early.accept(batch);
        Future<Void> spooled = out.write(batch);
        // Both writers have the bytes out of this memory once both have completed, failed or not.
        Future.join(toStore, spooled).onComplete(done -> BATCHES.give(memory));
        return spooled;
    }

    private void tooLarge() {
        if (written.future().isComplete()) {
            return;
        }
        if (out != null) {
            out.close();
        }
        ProblemException problem = MediaProblem.FILE_TOO_LARGE.exception("The file is over the limit of " + maxBytes + " bytes.");
        fail(problem);
        refuse.accept(problem);
    }
}
