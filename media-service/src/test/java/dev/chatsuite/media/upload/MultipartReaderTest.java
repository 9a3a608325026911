package dev.chatsuite.media.upload;

import static dev.chatsuite.media.MultipartBodies.body;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.media.MultipartBodies;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * The glue around Jetty's parser, without a server: bodies split into two chunks at every
 * offset, so that boundaries, headers and the file's bytes arrive cut in every possible place.
 */
class MultipartReaderTest {

    private static final String BOUNDARY = "cut";
    /** File bytes that look like the start of a boundary without being one. */
    private static final byte[] FILE = "%PDF-1.4\r\n--cu\r\n-\r\n--cuX\n--c\r".getBytes(StandardCharsets.US_ASCII);

    @Test
    void shouldGiveTheFileAndTheFieldsWhereverTheBodyIsCut() {
        byte[] body = body(field("purpose", "avatar") + fileHeaders("file", "a.pdf"), FILE, "\r\n--cut--\r\n");

        for (int cut = 0; cut <= body.length; cut++) {
            Read read = read(body, cut);

            assertThat(read.complete).as("cut at %d", cut).isTrue();
            assertThat(read.file.toByteArray()).as("cut at %d", cut).isEqualTo(FILE);
            assertThat(read.fileName).as("cut at %d", cut).isEqualTo("a.pdf");
            assertThat(read.reader.field("purpose")).as("cut at %d", cut).isEqualTo("avatar");
        }
    }

    @Test
    void shouldDropOtherFilePartsAndCountTheirBytes() {
        byte[] body = body(fileHeaders("extra", "x.bin") + "12345\r\n" + fileHeaders("file", "a.pdf"), FILE, "\r\n--cut--\r\n");

        for (int cut = 0; cut <= body.length; cut++) {
            Read read = read(body, cut);

            assertThat(read.file.toByteArray()).as("cut at %d", cut).isEqualTo(FILE);
            assertThat(read.skipped.get()).as("cut at %d", cut).isEqualTo(5);
        }
    }

    @Test
    void shouldFailABodyThatEndsInsideTheFile() {
        byte[] whole = body(fileHeaders("file", "a.pdf"), FILE, "\r\n--cut--\r\n");
        byte[] cutShort = Arrays.copyOf(whole, whole.length - 8);

        Read read = read(cutShort, cutShort.length / 2);

        assertThat(read.complete).isFalse();
        assertThat(read.failure).isInstanceOf(ProblemException.class);
        assertThat(((ProblemException) read.failure).status()).isEqualTo(400);
        assertThat(read.fileFailure).isSameAs(read.failure);
    }

    @Test
    void shouldRefuseTextFieldsOverTheLimit() {
        byte[] body = body(field("note", "x".repeat(MultipartReader.FIELDS_LIMIT + 1)) + fileHeaders("file", "a.pdf"), FILE, "\r\n--cut--\r\n");

        Read read = read(body, body.length);

        assertThat(((ProblemException) read.failure).status()).isEqualTo(413);
    }

    @Test
    void shouldHandOutNoPartAfterAFailureInTheSameChunk() {
        byte[] body = body(field("note", "x".repeat(MultipartReader.FIELDS_LIMIT + 1)) + fileHeaders("file", "a.pdf"), FILE, "\r\n--cut--\r\n");

        Read read = read(body, body.length);

        assertThat(read.failure).isInstanceOf(ProblemException.class);
        assertThat(read.fileName).isNull();
        assertThat(read.file.size()).isZero();
    }

    @Test
    void shouldHoldTheFileWhilePausedAndPauseTheRequest() {
        byte[] body = body(fileHeaders("file", "a.pdf"), FILE, "\r\n--cut--\r\n");
        Source source = new Source();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        FilePart[] part = new FilePart[1];
        MultipartReader reader = new MultipartReader(BOUNDARY, source, p -> {
            part[0] = p;
            p.pause();
        }, length -> { });

        reader.read(Buffer.buffer(body));
        part[0].handler(bytes -> received.writeBytes(bytes.getBytes()));

        assertThat(source.paused).isTrue();
        assertThat(received.size()).isZero();
        part[0].resume();
        assertThat(source.paused).isFalse();
        assertThat(received.toByteArray()).isEqualTo(FILE);
    }

    private static Read read(byte[] body, int cut) {
        Read read = new Read();
        read.reader = new MultipartReader(BOUNDARY, new Source(), part -> {
            read.fileName = part.fileName();
            part.handler(bytes -> read.file.writeBytes(bytes.getBytes()));
            part.exceptionHandler(e -> read.fileFailure = e);
        }, read.skipped::addAndGet);
        read.reader.complete().onSuccess(v -> read.complete = true).onFailure(e -> read.failure = e);
        read.reader.read(Buffer.buffer(Arrays.copyOfRange(body, 0, cut)));
        read.reader.read(Buffer.buffer(Arrays.copyOfRange(body, cut, body.length)));
        read.reader.end();
        return read;
    }

    private static final class Read {
        MultipartReader reader;
        final ByteArrayOutputStream file = new ByteArrayOutputStream();
        final AtomicInteger skipped = new AtomicInteger();
        String fileName;
        boolean complete;
        Throwable failure;
        Throwable fileFailure;
    }

    private static String field(String name, String value) {
        return MultipartBodies.field(BOUNDARY, name, value);
    }

    private static String fileHeaders(String name, String fileName) {
        return MultipartBodies.fileHeaders(BOUNDARY, name, fileName);
    }

    /** The request's side of pausing, as the reader and the file part use it. */
    private static final class Source implements ReadStream<Buffer> {
        boolean paused;

        @Override
        public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public ReadStream<Buffer> handler(Handler<Buffer> handler) {
            return this;
        }

        @Override
        public ReadStream<Buffer> pause() {
            paused = true;
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            paused = false;
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            return resume();
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
            return this;
        }
    }
}
