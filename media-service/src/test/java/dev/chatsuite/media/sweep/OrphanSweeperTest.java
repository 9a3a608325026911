package dev.chatsuite.media.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.chatsuite.media.MediaApi;
import dev.chatsuite.media.MediaApi.User;
import dev.chatsuite.testsupport.S3ProxyTestResource;
import dev.chatsuite.testsupport.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.vertx.RunOnVertxContext;
import io.quarkus.test.vertx.UniAsserter;

@QuarkusTest
class OrphanSweeperTest {

    private static final String BUCKET = "chat-media-test";

    @Inject
    OrphanSweeper sweeper;

    private String stored;
    private String orphan;

    /** Runs on the test thread: uploads and direct S3 writes block, which the event loop must not. */
    @BeforeEach
    void storeOneFileAndOneOrphan() {
        stored = MediaApi.stored(User.random(), "a.png", "image/png", TestImages.png(10, 10), null).getString("id");
        orphan = "objects/" + UUID.randomUUID();
        S3ProxyTestResource.put(BUCKET, orphan, new byte[] { 1, 2, 3 });
    }

    @Test
    @RunOnVertxContext
    void shouldRemoveObjectsWithoutARowAndKeepStoredOnes(UniAsserter asserter) {
        asserter.assertThat(() -> sweeper.sweep(Instant.now().plusSeconds(5)), removed -> {
            assertThat(removed).isGreaterThanOrEqualTo(1);
            assertThat(S3ProxyTestResource.exists(BUCKET, orphan)).isFalse();
            assertThat(S3ProxyTestResource.exists(BUCKET, "objects/" + stored)).isTrue();
            assertThat(S3ProxyTestResource.exists(BUCKET, "thumbnails/" + stored)).isTrue();
        });
    }

    @Test
    @RunOnVertxContext
    void shouldLeaveObjectsYoungerThanTheMinimumAge(UniAsserter asserter) {
        asserter.assertThat(() -> sweeper.sweep(Instant.now().minusSeconds(3600)),
                removed -> assertThat(S3ProxyTestResource.exists(BUCKET, orphan)).isTrue());
    }
}
