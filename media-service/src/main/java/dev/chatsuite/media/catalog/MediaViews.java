package dev.chatsuite.media.catalog;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.common.media.MediaUrlSigner;
import dev.chatsuite.common.time.Timestamps;
import dev.chatsuite.media.MediaConfig;

/**
 * Builds {@code Media} views. URLs point at the gateway's public origin; attachment URLs carry
 * a signature (valid for MEDIA_URL_TTL) so the uploader can show them in an {@code <img>} at once.
 */
@ApplicationScoped
public class MediaViews {

    private final String base;
    private final MediaConfig config;
    private final MediaUrlSigner signer;

    public MediaViews(MediaConfig config, MediaUrlSigner signer) {
        this.config = config;
        this.signer = signer;
        this.base = config.publicUrl().replaceAll("/+$", "") + "/api/media/";
    }

    public MediaView of(Media media) {
        String url = base + media.id;
        String query = media.isPublic() ? "" : "?" + signer.query(media.id, Instant.now().plus(config.urlTtl()));
        String thumbnail = media.thumbnailType == null ? null : url + "/thumbnail" + query;
        return new MediaView(media.id.toString(), media.ownerId.toString(), media.purpose, media.filename, media.contentType,
                media.size, media.width, media.height, url + query, thumbnail, Timestamps.format(media.createdAt));
    }
}
