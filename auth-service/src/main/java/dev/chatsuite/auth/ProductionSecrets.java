package dev.chatsuite.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import dev.chatsuite.common.config.RequiredSecrets;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * In the prod profile auth-service needs the shared signing key: without JWT_PRIVATE_KEY_FILE
 * each replica would generate its own, and a token signed by one would not verify against the
 * JWKS another served. Dev, test and integration-test runs keep the generated local key.
 */
@ApplicationScoped
public class ProductionSecrets {

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start, AuthConfig config) {
        RequiredSecrets.require(ConfigUtils.isProfileActive("prod"), "auth-service", secrets(config));
    }

    static Map<String, Optional<String>> secrets(AuthConfig config) {
        Map<String, Optional<String>> secrets = new LinkedHashMap<>();
        secrets.put("JWT_PRIVATE_KEY_FILE", config.keys().privateKeyFile());
        return secrets;
    }
}
