package dev.chatsuite.media.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

class LocalCopiesTest {

    private static final long SPACE = 100 * 1024;
    private final Vertx vertx = Vertx.vertx();
    @TempDir
    Path root;

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void shouldKeepACopyOfAnObjectWhoseBytesAllPassedToTheClient() throws IOException {
        LocalCopies copies = copies(SPACE);
        Sink client = new Sink();
        LocalCopies.Filling filling = copies.fill("objects/a", 10, client);
        filling.write(Buffer.buffer("hello "));
        filling.write(Buffer.buffer("moon"));
        filling.end();

        await().atMost(Duration.ofSeconds(5)).until(() -> copies.find("objects/a", 10) != null);
        assertThat(Files.readString(copies.find("objects/a", 10).file())).isEqualTo("hello moon");
        assertThat(client.received.toString()).isEqualTo("hello moon");
        assertThat(client.ended).isTrue();
    }

    @Test
    void shouldNotKeepACopyOfAnObjectThatEndedShort() throws Exception {
        LocalCopies copies = copies(SPACE);
        LocalCopies.Filling filling = copies.fill("objects/b", 10, new Sink());
        filling.write(Buffer.buffer("hello"));
        filling.end();

        await().atMost(Duration.ofSeconds(5)).until(() -> copyFiles().isEmpty());
        assertThat(copies.find("objects/b", 10)).isNull();
        assertThat(copies.find("objects/b", 5)).isNull();
    }

    @Test
    void shouldGiveUpTheCopyWhenTheClientFails() throws Exception {
        LocalCopies copies = copies(SPACE);
        LocalCopies.Filling filling = copies.fill("objects/c", 10, new Sink());
        filling.write(Buffer.buffer("hello"));
        filling.abandon();
        filling.write(Buffer.buffer("moon!"));
        filling.end();

        Thread.sleep(300);
        await().atMost(Duration.ofSeconds(5)).until(() -> copyFiles().isEmpty());
        assertThat(copies.find("objects/c", 10)).isNull();
    }

    @Test
    void shouldOnlyPassThePartOfAnObjectThrough() throws Exception {
        LocalCopies copies = copies(SPACE);
        Sink client = new Sink();
        LocalCopies.Filling filling = copies.fill("objects/d", -1, client);
        filling.write(Buffer.buffer("part"));
        filling.end();

        Thread.sleep(300);
        assertThat(client.received.toString()).isEqualTo("part");
        assertThat(copyFiles()).isEmpty();
    }

    @Test
    void shouldAdoptAnUploadedFileByMovingIt() throws Exception {
        LocalCopies copies = copies(SPACE);
        Path upload = Files.writeString(root.resolve("upload-1"), "uploaded bytes");

        join(copies.adopt("objects/e", upload, 14));

        assertThat(upload).doesNotExist();
        assertThat(Files.readString(copies.find("objects/e", 14).file())).isEqualTo("uploaded bytes");
    }

    @Test
    void shouldForgetACopyAndDeleteItsFile() throws Exception {
        LocalCopies copies = copies(SPACE);
        join(copies.adopt("objects/f", Files.writeString(root.resolve("upload-2"), "bytes"), 5));
        Path file = copies.find("objects/f", 5).file();

        copies.forget("objects/f");

        assertThat(copies.find("objects/f", 5)).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(file));
    }

    @Test
    void shouldPushOutTheLeastRecentlyReadCopiesBeyondItsSpace() throws Exception {
        LocalCopies copies = copies(SPACE);
        byte[] nineKiB = new byte[9 * 1024];
        for (int i = 0; i < 20; i++) {
            join(copies.adopt("objects/" + i, Files.write(root.resolve("upload-" + i), nineKiB), nineKiB.length));
            assertThat(copies.find("objects/0", nineKiB.length)).isNotNull();
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> copyFiles().size() == 11);
        assertThat(copies.find("objects/0", nineKiB.length)).isNotNull();
        assertThat(copies.find("objects/19", nineKiB.length)).isNotNull();
        assertThat(copies.find("objects/1", nineKiB.length)).isNull();
    }

    @Test
    void shouldNotKeepAFileBiggerThanATenthOfItsSpace() throws Exception {
        LocalCopies copies = copies(SPACE);
        Path upload = Files.write(root.resolve("upload-big"), new byte[11 * 1024]);

        join(copies.adopt("objects/big", upload, 11 * 1024));

        assertThat(copies.find("objects/big", 11 * 1024)).isNull();
        assertThat(upload).exists();
    }

    @Test
    void shouldKeepNothingWhenItHasNoSpace() throws Exception {
        LocalCopies copies = new LocalCopies(root.resolve("cache"), 0, vertx);
        Path upload = Files.writeString(root.resolve("upload-3"), "bytes");

        join(copies.adopt("objects/g", upload, 5));

        assertThat(copies.enabled()).isFalse();
        assertThat(copies.find("objects/g", 5)).isNull();
        assertThat(root.resolve("cache")).doesNotExist();
    }

    @Test
    void shouldRemoveTheCopiesOfAnInstanceThatStoppedButNotOfOneThatRuns() throws Exception {
        LocalCopies running = copies(SPACE);
        join(running.adopt("objects/h", Files.writeString(root.resolve("upload-4"), "bytes"), 5));
        Path stopped = Files.createDirectories(root.resolve("cache/instance-stopped"));
        Files.writeString(stopped.resolve(".lock"), "");
        Files.writeString(stopped.resolve("some-copy"), "old bytes");

        copies(SPACE);

        assertThat(stopped).doesNotExist();
        assertThat(running.find("objects/h", 5).file()).exists();
    }

    private LocalCopies copies(long space) {
        return new LocalCopies(root.resolve("cache"), space, vertx);
    }

    private List<Path> copyFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root.resolve("cache"))) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(".lock")).toList();
        }
    }

    private static void join(Future<?> future) {
        future.toCompletionStage().toCompletableFuture().join();
    }

    /** A client that takes everything at once. */
    private static final class Sink implements WriteStream<Buffer> {
        final Buffer received = Buffer.buffer();
        final List<Buffer> writes = new ArrayList<>();
        boolean ended;

        @Override
        public Future<Void> write(Buffer data) {
            received.appendBuffer(data);
            writes.add(data);
            return Future.succeededFuture();
        }

        @Override
        public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
            write(data).onComplete(handler);
        }

        @Override
        public Future<Void> end() {
            ended = true;
            return Future.succeededFuture();
        }

        @Override
        public void end(Handler<AsyncResult<Void>> handler) {
            end().onComplete(handler);
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return false;
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            return this;
        }
    }
}
