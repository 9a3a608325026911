package dev.chatsuite.media.catalog;

import java.util.Arrays;
import java.util.Optional;

/** Why a file was uploaded: avatars are public, attachments are private to their conversation. */
public enum Purpose {
    AVATAR("avatar"),
    ATTACHMENT("attachment");

    private final String value;

    Purpose(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Purpose> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.of(ATTACHMENT);
        }
        return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst();
    }
}
