package dev.chatsuite.messaging.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.chatsuite.common.problem.ProblemException;

/**
 * A cursor from a client either reads as a position that encodes back to the same position, or
 * is a 400 on {@code cursor}; nothing else escapes. Half the inputs are base64url of fuzzed
 * text, so the fuzzer reaches the readers behind the decoding.
 */
class CursorsFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void shouldReadEveryCursorAsAPositionOrA400(FuzzedDataProvider data) {
        boolean wrap = data.consumeBoolean();
        String text = data.consumeRemainingAsString();
        String cursor = wrap ? Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8)) : text;

        try {
            Cursors.SeqPosition position = Cursors.seqPosition(cursor);
            assertThat(position.seq()).isNotNegative();
            assertThat(Cursors.seqPosition(Cursors.seqCursor(position.after(), position.seq()))).isEqualTo(position);
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(400);
        }
        try {
            Cursors.ActivityPosition position = Cursors.activityPosition(cursor);
            assertThat(Cursors.activityPosition(Cursors.activityCursor(position.activity(), position.id()))).isEqualTo(position);
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(400);
        }
    }

    /** The same property for half an hour, on demand: {@code -Dtest=<this class>#fuzzLonger} with JAZZER_FUZZ=1. */
    @FuzzTest(maxDuration = "30m")
    void fuzzLonger(FuzzedDataProvider data) {
        shouldReadEveryCursorAsAPositionOrA400(data);
    }
}
