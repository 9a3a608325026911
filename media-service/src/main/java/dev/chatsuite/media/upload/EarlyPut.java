package dev.chatsuite.media.upload;

import java.nio.charset.StandardCharsets;

import dev.chatsuite.media.storage.ObjectStore;
import dev.chatsuite.media.storage.ObjectStore.PendingObject;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Sends the file part of one upload to the object store while it is still arriving, so that
 * receiving and storing overlap instead of following each other.
 * <p>
 * A single PUT needs its length up front, and a multipart body does not say how long its file
 * part is. When the file is the last part, though, it is the request's {@code Content-Length}
 * minus what precedes the file's bytes and the closing boundary. That is a prediction, so the
 * last byte is held back until the part has ended exactly there: a wrong guess (another part
 * after the file, a closing without its final CRLF, no length at all) is aborted before the
 * store could keep anything, and the upload takes the spooled path as before. Only types
 * stored exactly as sent qualify (images are re-encoded first), decided by the same magic
 * database from the same leading bytes as always; the file is spooled to disk either way.
 */
final class EarlyPut {

    /** A file part stored while it arrived. */
    record Stored(String type, long size, String etag) {
    }

    private enum State { GATHERING, DECIDING, STREAMING, HELD, FINISHED, OFF }

    private static final byte[] FILE_PART = "name=\"file\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEADERS_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** The file part's headers are looked for this far into the body, no further. */
    private static final int SCAN_LIMIT = 16 * 1024;
    /** The file keeps arriving while the store's request is opened, up to this much held in memory; past it the part waits. */
    private static final int DECIDING_LIMIT = 256 * 1024;

    private final ObjectStore store;
    private final TypeSniffer sniffer;
    private final UploadPreparer rules;
    private final String key;
    private final long maxBytes;
    private final long requestLength;
    private final int closingLength;
    private State state = State.GATHERING;
    private Buffer rawPrefix = Buffer.buffer();
    private long dataStart = -1;
    private Buffer head = Buffer.buffer();
    private ReadStream<Buffer> part;
    private PendingObject pending;
    private String type;
    private long predicted;
    private long sent;
    private Buffer held;
    private boolean waiting;
    private final Promise<Void> decided = Promise.promise();

    /**
     * @param requestLength the request's Content-Length, or -1 when it has none (chunked)
     * @param boundary the multipart boundary
     */
    EarlyPut(ObjectStore store, TypeSniffer sniffer, UploadPreparer rules, String key, long maxBytes, long requestLength,
            String boundary) {
        this.store = store;
        this.sniffer = sniffer;
        this.rules = rules;
        this.key = key;
        this.maxBytes = maxBytes;
        this.requestLength = requestLength;
        this.closingLength = ("\r\n--" + boundary + "--\r\n").length();
        if (requestLength < 0) {
            state = State.OFF;
        }
    }

    /** Every raw chunk of the request body, to find where the file part's bytes begin. */
    void raw(Buffer chunk) {
        if (state == State.OFF || dataStart >= 0 || rawPrefix == null) {
            return;
        }
        rawPrefix.appendBuffer(chunk, 0, Math.min(chunk.length(), SCAN_LIMIT - rawPrefix.length()));
        byte[] bytes = rawPrefix.getBytes();
        int name = indexOf(bytes, FILE_PART, 0);
        int end = name < 0 ? -1 : indexOf(bytes, HEADERS_END, name);
        if (end >= 0) {
            dataStart = end + HEADERS_END.length;
            rawPrefix = null;
        } else if (rawPrefix.length() >= SCAN_LIMIT) {
            rawPrefix = null;
        }
    }

    /** The file part begins; {@link #accept} gets its bytes. */
    void start(ReadStream<Buffer> part) {
        this.part = part;
    }

    /**
     * The next bytes of the file part. Completes once the store's request no longer needs
     * {@code chunk}'s memory: at once unless the bytes were sent as they are.
     */
    Future<Void> accept(Buffer chunk) {
        switch (state) {
            case GATHERING -> {
                head.appendBuffer(chunk);
                if (head.length() >= sniffer.window()) {
                    decide();
                }
            }
            case DECIDING -> {
                head.appendBuffer(chunk);
                if (head.length() >= DECIDING_LIMIT && !waiting) {
                    waiting = true;
                    part.pause();
                }
            }
            case STREAMING -> {
                return send(chunk);
            }
            case HELD -> {
                if (chunk.length() > 0) {
                    abort();
                }
            }
            default -> {
            }
        }
        return Future.succeededFuture();
    }

    /** True until the leading bytes that decide the type have come. */
    boolean gathering() {
        return state == State.GATHERING;
    }

    /** True while the store takes bytes more slowly than they come: pause the part. */
    boolean full() {
        return (state == State.STREAMING || state == State.HELD) && pending.body().writeQueueFull();
    }

    void drainHandler(Runnable drained) {
        pending.body().drainHandler(v -> drained.run());
    }

    /**
     * The file part has ended after {@code total} bytes: completes with the stored file when
     * the prediction held and the store kept it, with null otherwise (then the spooled file is
     * stored instead).
     */
    Future<Stored> finish(long total) {
        if (state == State.DECIDING) {
            // The whole file came while its type was being decided.
            return decided.future().compose(v -> finish(total));
        }
        if (state != State.HELD || total != predicted) {
            abort();
            return Future.succeededFuture();
        }
        state = State.FINISHED;
        pending.body().write(held);
        return pending.finish()
                .map(etag -> new Stored(type, predicted, etag))
                .otherwise(failure -> null);
    }

    /** Nothing more is sent: the store keeps nothing from an unfinished object. */
    void abort() {
        if (pending != null && state != State.FINISHED) {
            pending.abort();
        }
        if (state != State.FINISHED) {
            state = State.OFF;
        }
        head = null;
    }

    /**
     * Decides from the leading bytes whether the file goes to the store now, and if so opens
     * the store's request; the file keeps arriving meanwhile. The magic check runs here on the
     * event loop: it reads a bounded window already in memory, and a worker thread's turn would
     * delay the store's request (docs/decisions.md).
     */
    private void decide() {
        String detected;
        try {
            detected = sniffer.detect(head.getBytes(0, sniffer.window()));
        } catch (RuntimeException e) {
            detected = null;
        }
        long length = dataStart < 0 ? -1 : requestLength - dataStart - closingLength;
        if (detected == null || !rules.storedAsSent(detected) || length < head.length() || length > maxBytes) {
            state = State.OFF;
            head = null;
            decided.complete();
            return;
        }
        state = State.DECIDING;
        type = detected;
        predicted = length;
        store.begin(key, detected, length).onComplete(begun -> {
            if (begun.succeeded() && state == State.DECIDING) {
                pending = begun.result();
                pending.body().exceptionHandler(e -> abort());
                state = State.STREAMING;
                Buffer gathered = head;
                head = null;
                send(gathered);
            } else {
                if (begun.succeeded()) {
                    begun.result().abort();
                }
                state = state == State.DECIDING ? State.OFF : state;
                head = null;
            }
            if (waiting) {
                waiting = false;
                part.resume();
            }
            decided.complete();
        });
    }

    /** Sends all but the predicted last byte, which waits for the part to end where predicted. */
    private Future<Void> send(Buffer chunk) {
        long after = sent + chunk.length();
        if (after < predicted) {
            sent = after;
            return pending.body().write(chunk);
        }
        if (after == predicted) {
            held = chunk.getBuffer(chunk.length() - 1, chunk.length());
            sent = after - 1;
            state = State.HELD;
            return chunk.length() > 1 ? pending.body().write(chunk.slice(0, chunk.length() - 1)) : Future.succeededFuture();
        }
        abort();
        return Future.succeededFuture();
    }

    private static int indexOf(byte[] bytes, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= bytes.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
