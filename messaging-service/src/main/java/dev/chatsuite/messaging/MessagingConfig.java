package dev.chatsuite.messaging;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** messaging-service settings; each one's environment variable is in the module README. */
@ConfigMapping(prefix = "messaging")
public interface MessagingConfig {

    /** The gateway's public origin, for attachment URLs (PUBLIC_URL). */
    @WithName("public-url")
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** HMAC secret shared with media-service for signed attachment URLs (MEDIA_SIGNING_SECRET). */
    @WithName("signing-secret")
    String signingSecret();

    /** How long a signed attachment URL stays valid (ATTACHMENT_URL_TTL). */
    @WithName("attachment-url-ttl")
    @WithDefault("PT1H")
    Duration attachmentUrlTtl();

    /** Longest message body, in characters. */
    @WithName("max-body-chars")
    @WithDefault("4000")
    int maxBodyChars();

    /** Most files on one message. */
    @WithName("max-attachments")
    @WithDefault("10")
    int maxAttachments();

    /** Largest file of a multipart post: media-service's own limit (MEDIA_MAX_BYTES). */
    @WithName("max-file-bytes")
    @WithDefault("10485760")
    MemorySize maxFileBytes();

    /** Largest multipart post, its files and fields together (MESSAGING_MAX_REQUEST_BYTES). */
    @WithName("max-post-bytes")
    @WithDefault("101M")
    MemorySize maxPostBytes();

    /**
     * Plain posts are stored by their conversation's owner instance, so one conversation's posts
     * share statements and WAL flushes (MESSAGING_POSTS_TO_OWNER; docs/decisions.md).
     */
    @WithName("posts-to-owner")
    @WithDefault("true")
    boolean postsToOwner();

    /**
     * How long a post sent to its owner waits for the answer before 503 (MESSAGING_POST_FORWARD_TIMEOUT);
     * an owner that stops announcing itself fails its posts within seconds.
     */
    @WithName("post-forward-timeout")
    @WithDefault("PT30S")
    Duration postForwardTimeout();

    /**
     * Most post statements one instance runs at a time (MESSAGING_POST_STATEMENTS): posts of other
     * conversations that are ready meanwhile wait for a free one and share it (docs/decisions.md).
     */
    @WithName("post-statements")
    @WithDefault("2")
    int postStatements();

    /** Most participants in a group. */
    @WithName("max-group-size")
    @WithDefault("256")
    int maxGroupSize();
}
