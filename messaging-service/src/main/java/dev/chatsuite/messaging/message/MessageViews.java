package dev.chatsuite.messaging.message;

import java.time.OffsetDateTime;

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

    public MessageView of(StoredMessage m) {
        if (m == null) {
            return null;
        }
        return new MessageView(m.id().toString(), m.conversationId().toString(), m.seq(), m.senderId().toString(), m.body(),
                attachments.views(m.attachments()), m.clientMessageId(), time(m.createdAt()), time(m.editedAt()), time(m.deletedAt()));
    }

    static String time(OffsetDateTime time) {
        return time == null ? null : Timestamps.format(time.toInstant());
    }
}
