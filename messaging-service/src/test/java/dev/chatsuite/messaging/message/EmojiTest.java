package dev.chatsuite.messaging.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmojiTest {

    @ParameterizedTest
    @ValueSource(strings = { "👍", "👍🏿", "❤️", "❤", "©️", "👨‍👩‍👧‍👦", "🧑🏽‍🚀", "🇯🇵", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "#️⃣", "👁‍🗨", "🫨" })
    void shouldTakeOneEmoji(String emoji) {
        assertThat(Emoji.isOne(emoji)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "a", "ab", "1", "#", "é", "👍👍", "👍 ", " 👍", "a👍", "🇯", "🇯🇵🇫🇷", "\u200d", "\uFE0F", "🏻🏻",
            "<mark>", "\uD83D", "👍\u0301" })
    void shouldRefuseAnythingElse(String text) {
        assertThat(Emoji.isOne(text)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void shouldRefuseALongRunOfJoinersWithoutReadingIt() {
        assertThat(Emoji.isOne("👍" + "\u200d👍".repeat(40))).isFalse();
        assertThat(Emoji.isOne("👍" + "\u0301".repeat(100_000))).isFalse();
    }
}
