package dev.chatsuite.media.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.chatsuite.common.problem.ProblemException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Coverage-guided fuzzing of the upload's multipart reader with untrusted bytes, cut into chunks
 * at fuzzer-chosen places. Whatever the bytes: nothing is thrown, the reader always ends (a body
 * or a 400/413 problem), and it never hands out more bytes than arrived. {@code fuzzBriefly} runs
 * in the test phase (pom: the "fuzz" execution); see the README for a long run.
 */
class MultipartReaderFuzzTest {

    private static final String BOUNDARY = "cut";

    @FuzzTest(maxDuration = "20s")
    @DictionaryFile(resourcePath = "/dev/chatsuite/media/upload/multipart.dict")
    void fuzzBriefly(byte[] input) {
        check(input);
    }

    @FuzzTest(maxDuration = "30m")
    @DictionaryFile(resourcePath = "/dev/chatsuite/media/upload/multipart.dict")
    void fuzzLong(byte[] input) {
        check(input);
    }

    /** The first two bytes choose where the body is cut into three chunks; the rest is the body. */
    static void check(byte[] input) {
        if (input.length < 2) {
            return;
        }
        byte[] body = Arrays.copyOfRange(input, 2, input.length);
        int first = (input[0] & 0xff) * body.length / 255;
        int second = first + (input[1] & 0xff) * (body.length - first) / 255;
        AtomicLong delivered = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        Throwable[] outcome = new Throwable[1];
        boolean[] done = new boolean[1];
        MultipartReader reader = new MultipartReader(BOUNDARY, new Source(), part -> part.handler(bytes -> delivered.addAndGet(bytes.length())),
                skipped::addAndGet);
        reader.complete().onComplete(result -> {
            done[0] = true;
            outcome[0] = result.cause();
        });
        reader.read(Buffer.buffer(Arrays.copyOfRange(body, 0, first)));
        reader.read(Buffer.buffer(Arrays.copyOfRange(body, first, second)));
        reader.read(Buffer.buffer(Arrays.copyOfRange(body, second, body.length)));
        reader.end();

        assertThat(done[0]).as("the reader always ends").isTrue();
        if (outcome[0] != null) {
            assertThat(outcome[0]).isInstanceOf(ProblemException.class);
            assertThat(((ProblemException) outcome[0]).status()).isIn(400, 413);
        }
        assertThat(delivered.get() + skipped.get()).as("bytes handed out").isLessThanOrEqualTo(body.length);
        String purpose = reader.field("purpose");
        assertThat(purpose == null ? 0 : purpose.length()).isLessThanOrEqualTo(MultipartReader.FIELDS_LIMIT);
    }

    /** A request that is never paused for real: the reader is driven by the calls above. */
    private static final class Source implements ReadStream<Buffer> {
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
            return this;
        }

        @Override
        public ReadStream<Buffer> resume() {
            return this;
        }

        @Override
        public ReadStream<Buffer> fetch(long amount) {
            return this;
        }

        @Override
        public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
            return this;
        }
    }
}
