package dev.chatsuite.messaging.message;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.common.time.Timestamps;
import dev.chatsuite.messaging.attachment.Attachments;

/** Builds {@code Message} views, with freshly signed attachment URLs. */
@ApplicationScoped
public class MessageViews {

    private final Attachments attachments;

    public MessageViews(Attachments attachments) {
        this.attachments = attachments;
    }

    /** The message without reactions (a new message, or a frame shared by every recipient). */
    public MessageView of(StoredMessage m) {
        return of(m, List.of());
    }

    /** The message with its reactions as one reader sees them. */
    public MessageView of(StoredMessage m, List<ReactionView> reactions) {
        if (m == null) {
            return null;
        }
        ReplyTo r = m.replyTo();
        ReplyToView replyTo = r == null ? null : new ReplyToView(r.id().toString(), r.seq(), r.senderId().toString(), r.excerpt());
        return new MessageView(m.id().toString(), m.conversationId().toString(), m.seq(), m.senderId().toString(), m.body(),
                attachments.views(m.attachments()), m.clientMessageId(), time(m.createdAt()), time(m.editedAt()), time(m.deletedAt()),
                replyTo, reactions == null ? List.of() : reactions);
    }

    static String time(OffsetDateTime time) {
        return time == null ? null : Timestamps.format(time.toInstant());
    }
}
