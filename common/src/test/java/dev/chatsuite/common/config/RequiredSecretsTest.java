package dev.chatsuite.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RequiredSecretsTest {

    private static Map<String, Optional<String>> secrets(String key, String other) {
        Map<String, Optional<String>> secrets = new LinkedHashMap<>();
        secrets.put("JWT_PRIVATE_KEY_FILE", Optional.ofNullable(key));
        secrets.put("OTHER_SECRET", Optional.ofNullable(other));
        return secrets;
    }

    @Test
    void shouldNameEveryMissingVariableAndNoValue() {
        assertThatThrownBy(() -> RequiredSecrets.require(true, "auth-service", secrets(null, "  ")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("auth-service cannot start in production without its secrets: set JWT_PRIVATE_KEY_FILE, OTHER_SECRET");
        assertThatThrownBy(() -> RequiredSecrets.require(true, "auth-service", secrets("/keys/private.pem", "")))
                .hasMessageContaining("set OTHER_SECRET ")
                .hasMessageNotContaining("JWT_PRIVATE_KEY_FILE")
                .hasMessageNotContaining("/keys/private.pem");
    }

    @Test
    void shouldStartWhenEverySecretIsSetOrOutsideProduction() {
        assertThatCode(() -> RequiredSecrets.require(true, "auth-service", secrets("/keys/private.pem", "s3cr3t"))).doesNotThrowAnyException();
        assertThatCode(() -> RequiredSecrets.require(false, "auth-service", secrets(null, null))).doesNotThrowAnyException();
        assertThat(RequiredSecrets.missing(secrets(null, "x"))).containsExactly("JWT_PRIVATE_KEY_FILE");
    }
}
