package dev.chatsuite.media.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.chatsuite.media.MediaConfig;
import dev.chatsuite.testsupport.TestImages;

/**
 * MEDIA_IMAGE_WORKERS bounds whole image jobs: decoding, re-encoding and the thumbnail all hold
 * decoded pixels, so no step of one job may run while another job holds the permits.
 */
class ImageJobLimitTest {

    @TempDir
    Path dir;

    /** Counts the image steps running at once; a re-encode or thumbnail waits briefly for another job's decode to start. */
    static final class CountingSteps implements ImageSteps {
        final AtomicInteger active = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final AtomicInteger jobs = new AtomicInteger();
        volatile CountDownLatch anotherDecode = new CountDownLatch(1);

        private void enter() {
            peak.accumulateAndGet(active.incrementAndGet(), Math::max);
        }

        private void waitForAnotherJob() {
            try {
                // With the permit held, no other decode can start: this wait then simply times out.
                anotherDecode.await(300, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public BufferedImage decode(Path file) throws ImageWork.UndecodableImageException {
            enter();
            jobs.incrementAndGet();
            anotherDecode.countDown();
            try {
                return ImageSteps.super.decode(file);
            } finally {
                active.decrementAndGet();
            }
        }

        @Override
        public void encode(BufferedImage image, String format, Path target) throws IOException {
            anotherDecode = new CountDownLatch(1);
            enter();
            try {
                waitForAnotherJob();
                ImageSteps.super.encode(image, format, target);
            } finally {
                active.decrementAndGet();
            }
        }

        @Override
        public ImageWork.Thumbnail thumbnail(BufferedImage image, int longestSide) throws IOException {
            anotherDecode = new CountDownLatch(1);
            enter();
            try {
                waitForAnotherJob();
                return ImageSteps.super.thumbnail(image, longestSide);
            } finally {
                active.decrementAndGet();
            }
        }
    }

    @Test
    void shouldRunAtMostTheConfiguredNumberOfImageJobsFromDecodeToThumbnail() throws Exception {
        CountingSteps steps = new CountingSteps();
        UploadPreparer preparer = new UploadPreparer(config(1), null, steps);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PreparedUpload>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Path upload = Files.write(dir.resolve("upload-" + i + ".png"), TestImages.png(64, 48));
                results.add(pool.submit(() -> preparer.prepareImage(upload, "image/png")));
            }
            for (Future<PreparedUpload> result : results) {
                PreparedUpload prepared = result.get(30, TimeUnit.SECONDS);
                assertThat(prepared.width()).isEqualTo(64);
                assertThat(prepared.thumbnail().bytes()).isNotEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(steps.jobs.get()).isEqualTo(4);
        assertThat(steps.peak.get()).as("image steps running at once").isEqualTo(1);
    }

    private static MediaConfig config(int imageWorkers) {
        return (MediaConfig) Proxy.newProxyInstance(MediaConfig.class.getClassLoader(), new Class<?>[] { MediaConfig.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "imageWorkers" -> imageWorkers;
                    case "maxPixels" -> 40_000_000L;
                    case "thumbnailSize" -> 320;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
