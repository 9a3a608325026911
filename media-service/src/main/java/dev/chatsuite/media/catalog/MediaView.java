package dev.chatsuite.media.catalog;

/** The contract's {@code Media}. */
public record MediaView(String id, String ownerId, String purpose, String filename, String contentType, long size,
        Integer width, Integer height, String url, String thumbnailUrl, String createdAt) {
}
