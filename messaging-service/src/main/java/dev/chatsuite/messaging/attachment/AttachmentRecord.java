package dev.chatsuite.messaging.attachment;

import io.quarkus.runtime.annotations.RegisterForReflection;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What a message keeps of a media file (a snapshot of media-service's metadata); URLs are made when read. */
@JsonIgnoreProperties(ignoreUnknown = true)
// Read back from JSON stored in PostgreSQL with JsonObject.mapTo.
@RegisterForReflection
public record AttachmentRecord(String id, String ownerId, String purpose, String filename, String contentType, long size,
        Integer width, Integer height) {

    public boolean isImage() {
        return contentType != null && contentType.startsWith("image/");
    }
}
