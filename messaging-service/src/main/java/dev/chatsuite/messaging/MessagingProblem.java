package dev.chatsuite.messaging;

import dev.chatsuite.common.problem.ProblemKind;

/** The problems only messaging-service answers with; docs/errors-messaging.md lists the same slugs. */
public enum MessagingProblem implements ProblemKind {
    /** The access token's session ({@code sid}) has ended: logout, revocation, a password change. */
    SESSION_ENDED("session-ended", 401),
    /** The caller's tenant lacks the module this needs: {@code chat} for messaging, {@code media} for files. */
    MODULE_DISABLED("module-disabled", 403),
    /** A WebSocket frame that is not a usable frame of its type. */
    BAD_FRAME("bad-frame", 400),
    /** A WebSocket frame of a type the server does not know. */
    UNKNOWN_FRAME_TYPE("unknown-type", 400),
    /** An edit of, or a reaction to, a deleted message. */
    MESSAGE_DELETED("message-deleted", 409),
    /** A reaction with a 21st distinct emoji on one message. */
    TOO_MANY_REACTIONS("too-many-reactions", 400),
    /** A member added to a group that already has the most participants allowed. */
    GROUP_FULL("group-full", 409),
    /** One file of a multipart post is over the per-file limit. */
    FILE_TOO_LARGE("file-too-large", 413),
    /** media-service refused a file with an answer that could not be read (its status is passed on). */
    ATTACHMENT_REFUSED("attachment-refused", 422);

    private final String slug;
    private final int status;

    MessagingProblem(String slug, int status) {
        this.slug = slug;
        this.status = status;
    }

    @Override
    public String slug() {
        return slug;
    }

    @Override
    public int status() {
        return status;
    }
}
