package dev.chatsuite.messaging.attachment;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The contract's attachment, with signed, expiring URLs; registered for native as part of MessageView. */
@RegisterForReflection
public record AttachmentView(String id, String filename, String contentType, long size, Integer width, Integer height, String url,
        String thumbnailUrl) {
}
