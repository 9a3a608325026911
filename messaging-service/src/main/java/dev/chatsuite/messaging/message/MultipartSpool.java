package dev.chatsuite.messaging.message;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.chatsuite.common.problem.CommonProblem;
import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.messaging.MessagingProblem;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.FileSystem;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a multipart message post as it arrives: each file streams to its own temporary file and
 * is counted, and the post is refused the moment one file passes the per-file limit
 * ({@code file-too-large}), the body passes the total limit ({@code payload-too-large}) or a
 * file more than a message may carry begins ({@code validation}), or a file begins for a caller
 * who may not upload ({@code module-disabled}). Whatever was written is
 * deleted before that answer, and otherwise when the exchange ends. What was read is left on
 * the routing context, where Quarkus REST takes it as the parsed form.
 */
final class MultipartSpool {

    /** The limits: bytes of one file, bytes of the whole body, files of one message. */
    record Limits(long maxFileBytes, long maxBodyBytes, int maxFiles) {
    }

    private final RoutingContext ctx;
    private final FileSystem fs;
    private final Path directory;
    private final Limits limits;
    /** The answer to any file part, for a caller who may not upload files; null when they may. */
    private final ProblemException filesRefused;
    private final Promise<Void> done = Promise.promise();
    private final List<Spooled> files = new ArrayList<>();
    private long bodyBytes;
    private int writing;
    private boolean bodyEnded;
    private boolean failed;

    private MultipartSpool(RoutingContext ctx, Path directory, Limits limits, ProblemException filesRefused) {
        this.ctx = ctx;
        this.fs = ctx.vertx().fileSystem();
        this.directory = directory;
        this.limits = limits;
        this.filesRefused = filesRefused;
    }

    /**
     * Reads the body of {@code ctx}; completes once every file is on disk, or fails with the
     * problem to answer. {@code filesRefused}: the answer to a post with a file, or null.
     */
    static Future<Void> read(RoutingContext ctx, Path directory, Limits limits, ProblemException filesRefused) {
        return new MultipartSpool(ctx, directory, limits, filesRefused).start();
    }

    private Future<Void> start() {
        HttpServerRequest request = ctx.request();
        ctx.addEndHandler(v -> deleteAll());
        request.setExpectMultipart(true);
        request.handler(chunk -> {
            bodyBytes += chunk.length();
            if (bodyBytes > limits.maxBodyBytes()) {
                fail(CommonProblem.PAYLOAD_TOO_LARGE.exception("A message with its files may be at most " + limits.maxBodyBytes() + " bytes."));
            }
        });
        request.uploadHandler(this::upload);
        request.exceptionHandler(e -> fail(e instanceof HttpPostRequestDecoder.TooLongFormFieldException
                ? CommonProblem.PAYLOAD_TOO_LARGE.exception("A text field of the form is too long.")
                : CommonProblem.BAD_REQUEST.exception("The multipart body could not be read.")));
        request.endHandler(v -> {
            bodyEnded = true;
            completeIfRead();
        });
        request.resume();
        return done.future();
    }

    private void upload(HttpServerFileUpload upload) {
        if (failed) {
            return;
        }
        if (filesRefused != null) {
            fail(filesRefused);
            return;
        }
        if (files.size() >= limits.maxFiles()) {
            fail(ProblemException.badRequest("Too many files; see errors.", List.of(new FieldError("files", "At most " + limits.maxFiles() + " files."))));
            return;
        }
        Spooled file = new Spooled(upload.name(), upload.filename(), upload.contentType(), directory.resolve("message-" + UUID.randomUUID() + ".upload"));
        files.add(file);
        writing++;
        // Held until its file is open; the request waits meanwhile.
        upload.pause();
        fs.mkdirs(directory.toString()).transform(ignored -> fs.open(file.path.toString(), new OpenOptions().setCreateNew(true).setWrite(true)))
                .onComplete(opened -> {
                    if (opened.failed()) {
                        fail(CommonProblem.INTERNAL_ERROR.exception("The files could not be stored for sending."));
                        return;
                    }
                    file.out = opened.result();
                    if (failed) {
                        // The post was refused while this file was being opened.
                        file.delete();
                        return;
                    }
                    upload.handler(chunk -> {
                        if (failed) {
                            return;
                        }
                        file.size += chunk.length();
                        if (file.size > limits.maxFileBytes()) {
                            fail(MessagingProblem.FILE_TOO_LARGE.exception("A file may be at most " + limits.maxFileBytes() + " bytes."));
                            return;
                        }
                        file.out.write(chunk);
                        if (file.out.writeQueueFull()) {
                            upload.pause();
                            file.out.drainHandler(d -> upload.resume());
                        }
                    });
                    upload.endHandler(v -> file.close().onComplete(closed -> {
                        writing--;
                        completeIfRead();
                    }));
                    upload.resume();
                });
    }

    private void completeIfRead() {
        if (failed || !bodyEnded || writing > 0) {
            return;
        }
        for (Spooled file : files) {
            ctx.fileUploads().add(file);
        }
        done.tryComplete();
    }

    /** Stops reading, deletes what was written, then fails with {@code problem}. */
    private void fail(ProblemException problem) {
        if (failed) {
            return;
        }
        failed = true;
        ctx.request().pause();
        deleteAll().onComplete(v -> done.tryFail(problem));
    }

    private Future<Void> deleteAll() {
        List<Future<Void>> deleted = new ArrayList<>();
        for (Spooled file : files) {
            deleted.add(file.delete());
        }
        return Future.join(deleted).mapEmpty();
    }

    /** One file of the post, on disk. */
    private final class Spooled implements FileUpload {
        private final String name;
        private final String fileName;
        private final String contentType;
        private final Path path;
        private AsyncFile out;
        private boolean closed;
        private long size;

        Spooled(String name, String fileName, String contentType, Path path) {
            this.name = name;
            this.fileName = fileName;
            this.contentType = contentType;
            this.path = path;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String uploadedFileName() {
            return path.toString();
        }

        @Override
        public String fileName() {
            return fileName;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public String contentType() {
            return contentType;
        }

        @Override
        public String contentTransferEncoding() {
            return null;
        }

        @Override
        public String charSet() {
            return null;
        }

        @Override
        public boolean cancel() {
            return false;
        }

        /** Closes the file once (Vert.x refuses a second close). */
        Future<Void> close() {
            if (out == null || closed) {
                return Future.succeededFuture();
            }
            closed = true;
            return out.close();
        }

        @Override
        public Future<Void> delete() {
            return close().recover(e -> Future.succeededFuture()).transform(c -> fs.delete(path.toString())).recover(e -> Future.succeededFuture());
        }
    }
}
