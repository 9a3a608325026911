package dev.chatsuite.auth.profile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The part of media-service's {@code Media} that an avatar check needs. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MediaMetadata(String id, String ownerId, String purpose, String contentType) {
}
