package dev.chatsuite.messaging.attachment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a message keeps of a media file (a snapshot of media-service's metadata); URLs are made when read.
 * Registered for native: it is read back from the JSON column with JsonObject.mapTo.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record AttachmentRecord(String id, String ownerId, String purpose, String filename, String contentType, long size,
        Integer width, Integer height) {

    public boolean isImage() {
        return contentType != null && contentType.startsWith("image/");
    }
}
