package dev.chatsuite.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the header parsers every service and the gateway run on untrusted
 * headers: {@link BearerToken} and {@link ContentLength}. Whatever the header, nothing is
 * thrown; a bearer token is what follows the scheme, trimmed; a length is -1 or the value of a
 * header that is only digits (RFC 9110: {@code Content-Length = 1*DIGIT}), never negative.
 */
class HeaderParsersFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void fuzzBriefly(FuzzedDataProvider data) {
        check(data);
    }

    @FuzzTest(maxDuration = "30m")
    void fuzzLong(FuzzedDataProvider data) {
        check(data);
    }

    static void check(FuzzedDataProvider data) {
        String authorization = data.consumeString(300);
        String length = data.consumeRemainingAsString();

        String token = BearerToken.of(authorization);
        if (token != null) {
            assertThat(authorization.regionMatches(true, 0, "Bearer ", 0, 7)).isTrue();
            assertThat(token).isEqualTo(authorization.substring(7).trim());
        } else if (authorization != null) {
            assertThat(authorization.regionMatches(true, 0, "Bearer ", 0, 7)).isFalse();
        }

        long parsed = ContentLength.parse(length);
        assertThat(parsed).isGreaterThanOrEqualTo(-1);
        if (parsed >= 0) {
            assertThat(length.trim()).matches("[0-9]+");
            assertThat(Long.parseLong(length.trim())).isEqualTo(parsed);
        }
    }
}
