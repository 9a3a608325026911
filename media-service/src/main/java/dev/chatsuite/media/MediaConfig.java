package dev.chatsuite.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** media-service settings; each one's environment variable is in the module README. */
@ConfigMapping(prefix = "media")
public interface MediaConfig {

    /** Largest accepted file, in bytes (MEDIA_MAX_BYTES). */
    @WithName("max-bytes")
    @WithDefault("10485760")
    long maxBytes();

    /** Largest accepted image, in pixels (width × height), checked before decoding (MEDIA_MAX_PIXELS). */
    @WithName("max-pixels")
    @WithDefault("40000000")
    long maxPixels();

    /** Types accepted, as detected from the bytes (MEDIA_ALLOWED_TYPES). */
    @WithName("allowed-types")
    @WithDefault("image/jpeg,image/png,image/webp,image/gif,application/pdf")
    List<String> allowedTypes();

    /** The S3 bucket (S3_BUCKET); created at start when missing. */
    @WithDefault("chat-media")
    String bucket();

    /** HMAC secret shared with messaging-service for signed attachment URLs (MEDIA_SIGNING_SECRET). */
    @WithName("signing-secret")
    String signingSecret();

    /** The gateway's public origin, for the URLs in responses (PUBLIC_URL). */
    @WithName("public-url")
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** Lifetime of the signed URLs handed to an uploader (MEDIA_URL_TTL). */
    @WithName("url-ttl")
    @WithDefault("PT1H")
    Duration urlTtl();

    /** Longest side of thumbnails, in pixels. */
    @WithName("thumbnail-size")
    @WithDefault("320")
    int thumbnailSize();

    /** Threads that decode and re-encode images; each may hold a decoded image (MEDIA_IMAGE_WORKERS). */
    @WithName("image-workers")
    @WithDefault("1")
    int imageWorkers();

    /** Connections to the object store per event loop; further transfers wait for one (MEDIA_S3_CONCURRENCY). */
    @WithName("s3-concurrency")
    @WithDefault("4")
    int s3Concurrency();

    Redirect redirect();

    Cache cache();

    Sweeper sweeper();

    interface Redirect {
        /** Answer reads with a presigned S3 URL instead of streaming (MEDIA_REDIRECT). */
        @WithDefault("false")
        boolean enabled();

        /** Lifetime of presigned URLs (MEDIA_REDIRECT_TTL). */
        @WithDefault("PT5M")
        Duration ttl();
    }

    interface Cache {
        /**
         * Where this instance keeps copies of stored files to serve reads from, each instance in a
         * directory of its own (MEDIA_CACHE_DIR).
         */
        Path dir();

        /** Disk space for those copies; 0 turns them off (MEDIA_CACHE_BYTES). */
        @WithName("max-bytes")
        @WithDefault("1073741824")
        long maxBytes();
    }

    interface Sweeper {
        /** How often orphan objects are looked for (MEDIA_SWEEP_INTERVAL). */
        @WithDefault("PT10M")
        Duration interval();

        /** An object without a row is removed once it is older than this (MEDIA_SWEEP_MIN_AGE). */
        @WithName("min-age")
        @WithDefault("PT1H")
        Duration minAge();
    }
}
