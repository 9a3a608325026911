package dev.chatsuite.gateway.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.gateway.caller.AccessTokens;
import dev.chatsuite.gateway.caller.CookieHeader;
import dev.chatsuite.gateway.caller.SessionCookies;
import dev.chatsuite.gateway.route.CanonicalPath;

/**
 * Coverage-guided fuzzing (Jazzer) of what the gateway parses from untrusted bytes: the Cookie
 * header it strips its session cookies from, access tokens it reads before verifying, and the
 * request paths it classifies. In the normal test run each target replays its seed inputs
 * (under src/test/resources) once; {@code JAZZER_FUZZ=1} fuzzes one target for its maxDuration
 * (see the module README).
 */
class ParserFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void cookieHeaderNeverLetsASessionCookieThrough(FuzzedDataProvider data) {
        String header = data.consumeRemainingAsString();
        String kept = CookieHeader.without(header, SessionCookies.NAMES);
        if (kept == null) {
            return;
        }
        assertThat(kept).isNotBlank();
        for (String pair : kept.split(";")) {
            String trimmed = pair.trim();
            int equals = trimmed.indexOf('=');
            String name = (equals < 0 ? trimmed : trimmed.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
            assertThat(SessionCookies.NAMES).doesNotContain(name);
        }
        // Stripping is idempotent: what is kept is kept again as it is.
        assertThat(CookieHeader.without(kept, SessionCookies.NAMES)).isEqualTo(kept);
    }

    @FuzzTest(maxDuration = "5m")
    void accessTokenReadingNeverThrows(FuzzedDataProvider data) {
        long now = data.consumeLong(0, 4_000_000_000L);
        String token = data.consumeRemainingAsString();
        boolean fresh = AccessTokens.isFresh(token, now);
        long expiresIn = AccessTokens.expiresIn(token, now);
        assertThat(expiresIn).isNotNegative();
        if (fresh) {
            assertThat(expiresIn).isGreaterThan(10);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void canonicalPathIsStableAndHasNoAmbiguousSpelling(FuzzedDataProvider data) {
        String raw = data.consumeRemainingAsString();
        CanonicalPath path;
        try {
            path = CanonicalPath.of(raw);
        } catch (ProblemException refused) {
            assertThat(refused.status()).isEqualTo(400);
            return;
        }
        assertThat(path.path()).startsWith("/").doesNotContain(";", "\\", "//", "/./", "/../");
        assertThat(path.path().length() == 1 || !path.path().endsWith("/")).isTrue();
        assertThat(path.routeKey()).isEqualTo(path.path().toLowerCase(Locale.ROOT));
        assertThat(CanonicalPath.of(path.path())).isEqualTo(path);
    }
}
