package dev.chatsuite.auth.password;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.chatsuite.auth.credential.PasswordHasher;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PasswordHasherTest {

    /** Written by Password4j 1.8.4, which hashed passwords before Bouncy Castle did: password "pw". */
    private static final String EARLIER_HASH = "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$qhGYb1MyPEE+aES/CN6NCQDLQrWvmzyI+WAxnX2ZLmI";

    @Inject
    PasswordHasher hasher;

    @Test
    void shouldVerifyAHashWrittenByTheEarlierArgon2Library() {
        assertThat(hasher.matches("pw", EARLIER_HASH).await().indefinitely()).isTrue();
        assertThat(hasher.matches("pX", EARLIER_HASH).await().indefinitely()).isFalse();
    }

    @Test
    void shouldWriteArgon2idPhcStringsWithTheConfiguredCostAndAFreshSalt() {
        String first = hasher.hash("a long passphrase").await().indefinitely();
        String second = hasher.hash("a long passphrase").await().indefinitely();
        // The test profile lowers the memory cost to 8 MiB; passes and lanes are the defaults.
        assertThat(first).startsWith("$argon2id$v=19$m=8192,t=2,p=1$").isNotEqualTo(second);
        assertThat(hasher.matches("a long passphrase", first).await().indefinitely()).isTrue();
    }

    @Test
    void shouldAnswerFalseWhenThereIsNoStoredHash() {
        assertThat(hasher.matches("not-a-real-password-but-same-cost", null).await().indefinitely()).isFalse();
    }
}
