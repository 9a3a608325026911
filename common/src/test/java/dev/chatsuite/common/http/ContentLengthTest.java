package dev.chatsuite.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentLengthTest {

    @Test
    void shouldReadOnlyAsciiDigits() {
        assertThat(ContentLength.parse("1024")).isEqualTo(1024);
        assertThat(ContentLength.parse(" 0 ")).isZero();
        assertThat(ContentLength.parse(null)).isEqualTo(-1);
        assertThat(ContentLength.parse("")).isEqualTo(-1);
        assertThat(ContentLength.parse("-5")).isEqualTo(-1);
        assertThat(ContentLength.parse("+5")).isEqualTo(-1);
        // Found by HeaderParsersFuzzTest: Long.parseLong takes Arabic-Indic digits.
        assertThat(ContentLength.parse("\u0660")).isEqualTo(-1);
        assertThat(ContentLength.parse("99999999999999999999")).isEqualTo(-1);
        assertThat(ContentLength.parse("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
    }
}
