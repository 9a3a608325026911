package dev.chatsuite.media.upload;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.media.MediaProblem;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Reads an upload's multipart/form-data body as it arrives, with Jetty's parser: it finds
 * boundaries with a skipping search and hands out the file's bytes as slices of the chunks that
 * arrived, where Netty's decoder (through Vert.x) copies every chunk twice.
 * <p>
 * The first part named {@code file} becomes a {@link FilePart}; other parts with a file name
 * are read and dropped (their length is reported, so that they count against the size limit);
 * the rest are small text fields, kept up to {@link #FIELDS_LIMIT} bytes in all.
 */
final class MultipartReader extends MultiPart.AbstractPartsListener {

    /** All text fields together: {@code purpose} needs a few bytes, this leaves room. */
    static final int FIELDS_LIMIT = 16 * 1024;
    private static final int HEADERS_LIMIT = 8 * 1024;
    private static final int PARTS_LIMIT = 32;

    private enum Kind { FILE, SKIPPED, FIELD }

    private final ReadStream<Buffer> request;
    private final MultiPart.Parser parser;
    private final Handler<FilePart> fileHandler;
    private final IntConsumer skipped;
    private final Promise<Void> complete = Promise.promise();
    private final Map<String, String> fields = new HashMap<>();
    private final ByteArrayOutputStream field = new ByteArrayOutputStream();
    private int fieldBytes;
    private Kind kind;
    private FilePart file;

    /**
     * @param fileHandler gets the file part as soon as its headers have been read
     * @param skipped gets the length of each chunk of a part that is dropped
     */
    MultipartReader(String boundary, ReadStream<Buffer> request, Handler<FilePart> fileHandler, IntConsumer skipped) {
        this.request = request;
        this.fileHandler = fileHandler;
        this.skipped = skipped;
        this.parser = new MultiPart.Parser(boundary, this);
        parser.setPartHeadersMaxLength(HEADERS_LIMIT);
        parser.setMaxParts(PARTS_LIMIT);
    }

    /** The boundary parameter of a multipart Content-Type, unquoted; null when there is none. */
    static String boundary(String contentType) {
        for (String parameter : contentType.split(";")) {
            String p = parameter.trim();
            if (p.regionMatches(true, 0, "boundary=", 0, 9)) {
                String value = p.substring(9).trim();
                return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    /** The next chunk of the body. Nothing more is read after a failure. */
    void read(Buffer chunk) {
        if (!complete.future().isComplete()) {
            parser.parse(Content.Chunk.from(chunk.getByteBuf().nioBuffer(), false));
        }
    }

    /** The body has ended. */
    void end() {
        if (!complete.future().isComplete()) {
            parser.parse(Content.Chunk.EOF);
        }
    }

    /** Completes when the body has been read to its closing boundary; fails with a 400 or 413 problem. */
    Future<Void> complete() {
        return complete.future();
    }

    /** A text field's value, or null when the body had none of that name. */
    String field(String name) {
        return fields.get(name);
    }

    @Override
    public void onPartHeaders() {
        if (failed()) {
            return;
        }
        if ("file".equals(getName()) && file == null) {
            kind = Kind.FILE;
            file = new FilePart(getFileName(), request);
            fileHandler.handle(file);
        } else if (getFileName() != null) {
            kind = Kind.SKIPPED;
        } else {
            kind = Kind.FIELD;
            field.reset();
        }
    }

    @Override
    public void onPartContent(Content.Chunk chunk) {
        ByteBuffer bytes = chunk.getByteBuffer();
        int length = bytes.remaining();
        if (length == 0 || kind == null || failed()) {
            return;
        }
        switch (kind) {
            case FILE -> file.push(Buffer.buffer(Unpooled.wrappedBuffer(bytes)));
            case SKIPPED -> skipped.accept(length);
            case FIELD -> {
                fieldBytes += length;
                if (fieldBytes > FIELDS_LIMIT) {
                    fail(MediaProblem.FIELDS_TOO_LARGE.exception("The form's text fields are over " + FIELDS_LIMIT + " bytes in all."));
                    return;
                }
                byte[] copy = new byte[length];
                bytes.get(copy);
                field.writeBytes(copy);
            }
        }
    }

    @Override
    public void onPartEnd() {
        if (failed()) {
            kind = null;
        } else if (kind == Kind.FILE) {
            file.end();
        } else if (kind == Kind.FIELD && getName() != null) {
            fields.putIfAbsent(getName(), field.toString(StandardCharsets.UTF_8));
        }
        kind = null;
        // Forgets the part's name and file name: read above first.
        super.onPartEnd();
    }

    @Override
    public void onPart(String name, String fileName, HttpFields headers) {
        // Each part was handled as it came (onPartHeaders, onPartContent).
    }

    @Override
    public void onComplete() {
        complete.tryComplete();
    }

    @Override
    public void onFailure(Throwable failure) {
        fail(MediaProblem.MALFORMED_MULTIPART.exception("The multipart body could not be read: it ends early, or a boundary or part header is malformed."));
    }

    /**
     * After a failure Jetty's parser goes on through the rest of the chunk it was given; nothing
     * it finds there is handed out (the answer may already be on its way, its memory released).
     */
    private boolean failed() {
        return complete.future().failed();
    }

    private void fail(ProblemException problem) {
        if (complete.tryFail(problem) && file != null) {
            file.fail(problem);
        }
    }
}
