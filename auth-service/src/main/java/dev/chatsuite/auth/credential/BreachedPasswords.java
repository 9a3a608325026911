package dev.chatsuite.auth.credential;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

/**
 * Passwords that appear at the top of public breach corpora and satisfy the length rule
 * (10+ characters), shipped as a resource; compared case-insensitively.
 * Read at start-up ({@code @Startup}), not on an event loop.
 */
@Startup
@ApplicationScoped
public class BreachedPasswords {

    private final Set<String> passwords = new HashSet<>();

    public BreachedPasswords() {
        try (InputStream in = BreachedPasswords.class.getResourceAsStream("/breached-passwords.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(l -> passwords.add(l.toLowerCase(Locale.ROOT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean contains(String password) {
        return password != null && passwords.contains(password.toLowerCase(Locale.ROOT));
    }
}
