package dev.chatsuite.media.catalog;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A stored file: its bytes are the S3 object {@code objects/<id>} (and {@code thumbnails/<id>} for images). */
@Entity
@Table(name = "media")
public class Media extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "owner_id", nullable = false)
    public UUID ownerId;

    @Column(nullable = false)
    public String purpose;

    @Column(nullable = false)
    public String filename;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(nullable = false)
    public long size;

    public Integer width;

    public Integer height;

    @Column(nullable = false)
    public String etag;

    @Column(name = "thumbnail_type")
    public String thumbnailType;

    @Column(name = "thumbnail_size")
    public Long thumbnailSize;

    @Column(name = "thumbnail_etag")
    public String thumbnailEtag;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public boolean isPublic() {
        return Purpose.AVATAR.value().equals(purpose);
    }

    public boolean isImage() {
        return contentType.startsWith("image/");
    }

    public static String objectKey(UUID id) {
        return "objects/" + id;
    }

    public static String thumbnailKey(UUID id) {
        return "thumbnails/" + id;
    }
}
