package dev.chatsuite.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses to start a production service that lacks a secret, rather than run on a local default
 * (a generated signing key per replica, well-known storage keys). The message names the missing
 * environment variables, never a value.
 */
public final class RequiredSecrets {

    private RequiredSecrets() {
    }

    /** The variables whose value is absent or blank, in the order given. */
    public static List<String> missing(Map<String, Optional<String>> secretsByVariable) {
        List<String> missing = new ArrayList<>();
        secretsByVariable.forEach((variable, value) -> {
            if (value == null || value.isEmpty() || value.get().isBlank()) {
                missing.add(variable);
            }
        });
        return missing;
    }

    /**
     * Throws when {@code production} and any secret is missing.
     *
     * @param secretsByVariable environment variable name to its configured value, in a stable order
     */
    public static void require(boolean production, String service, Map<String, Optional<String>> secretsByVariable) {
        if (!production) {
            return;
        }
        List<String> missing = missing(secretsByVariable);
        if (!missing.isEmpty()) {
            throw new IllegalStateException(service + " cannot start in production without its secrets: set "
                    + String.join(", ", missing) + " (see the module README; outside production the local defaults apply)");
        }
    }
}
