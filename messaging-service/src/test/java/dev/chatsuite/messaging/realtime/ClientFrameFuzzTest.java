package dev.chatsuite.messaging.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any text a client sends is read without throwing: a frame to act on that satisfies its
 * checks, or an Invalid with a 400 to answer. Fuzzed for a few seconds in every build.
 */
class ClientFrameFuzzTest {

    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({ "{\"type\":\"send\"", "\"conversationId\":\"0f0e6a52-6f6b-4c1e-8d6e-3f2b8c9a1d00\"", "\"clientMessageId\":",
            "\"attachmentIds\":[", "\"type\":\"location\"", "\"lat\":", "\"lng\":", "\"accuracy\":", "\"type\":\"read\"", "\"seq\":",
            "\"type\":\"typing\"", "\"type\":\"ping\"", "1e999", "-0.0" })
    void shouldReadAnyTextIntoAFrameOrAnAnswerableError(FuzzedDataProvider data) {
        ClientFrame frame = ClientFrame.parse(data.consumeRemainingAsString());

        assertThat(frame).isNotNull();
        if (frame instanceof ClientFrame.Invalid invalid) {
            assertThat(invalid.problem().status()).isEqualTo(400);
            assertThat(invalid.problem().getMessage()).isNotBlank().hasSizeLessThan(200);
        } else if (frame instanceof ClientFrame.Send send) {
            assertThat(send.conversationId()).isNotNull();
            assertThat(send.clientMessageId()).isNotNull();
            assertThat(send.attachmentIds()).doesNotContainNull();
        } else if (frame instanceof ClientFrame.Location location) {
            assertThat(location.lat()).isBetween(-90.0, 90.0);
            assertThat(location.lng()).isBetween(-180.0, 180.0);
            if (location.accuracy() != null) {
                assertThat(location.accuracy()).isFinite().isGreaterThanOrEqualTo(0.0);
            }
        } else if (frame instanceof ClientFrame.Read read) {
            assertThat(read.conversationId()).isNotNull();
        } else if (frame instanceof ClientFrame.Typing typing) {
            assertThat(typing.conversationId()).isNotNull();
        }
    }

    /** The same property for half an hour, on demand: {@code -Dtest=<this class>#fuzzLonger} with JAZZER_FUZZ=1. */
    @FuzzTest(maxDuration = "30m")
    void fuzzLonger(FuzzedDataProvider data) {
        shouldReadAnyTextIntoAFrameOrAnAnswerableError(data);
    }
}
