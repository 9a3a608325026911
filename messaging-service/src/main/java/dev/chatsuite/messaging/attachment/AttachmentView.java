package dev.chatsuite.messaging.attachment;

/** The contract's attachment, with signed, expiring URLs. */
public record AttachmentView(String id, String filename, String contentType, long size, Integer width, Integer height, String url,
        String thumbnailUrl) {
}
