package dev.chatsuite.messaging.message;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import dev.chatsuite.messaging.attachment.AttachmentRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** A {@code message} row. */
public record StoredMessage(UUID id, UUID conversationId, long seq, UUID senderId, String body, List<AttachmentRecord> attachments,
        String clientMessageId, OffsetDateTime createdAt, OffsetDateTime editedAt, OffsetDateTime deletedAt, ReplyTo replyTo) {

    /** The select list for table alias {@code m}, each column named {@code <prefix><column>}. */
    public static String columns(String prefix) {
        return String.join(", ",
                "m.id AS " + prefix + "id", "m.conversation_id AS " + prefix + "conversation_id", "m.seq AS " + prefix + "seq",
                "m.sender_id AS " + prefix + "sender_id", "m.body AS " + prefix + "body",
                "m.attachments::text AS " + prefix + "attachments", "m.client_message_id AS " + prefix + "client_message_id",
                "m.created_at AS " + prefix + "created_at", "m.edited_at AS " + prefix + "edited_at", "m.deleted_at AS " + prefix + "deleted_at",
                "m.reply_to_id AS " + prefix + "reply_to_id", "m.reply_to_seq AS " + prefix + "reply_to_seq",
                "m.reply_to_sender AS " + prefix + "reply_to_sender", "m.reply_excerpt AS " + prefix + "reply_excerpt");
    }

    /** Reads the columns of {@link #columns(String)}; null when the row has no message (a LEFT JOIN miss). */
    public static StoredMessage from(Row row, String prefix) {
        UUID id = row.getUUID(prefix + "id");
        if (id == null) {
            return null;
        }
        return new StoredMessage(id, row.getUUID(prefix + "conversation_id"), row.getLong(prefix + "seq"), row.getUUID(prefix + "sender_id"),
                row.getString(prefix + "body"), attachments(row.getString(prefix + "attachments")), row.getString(prefix + "client_message_id"),
                row.getOffsetDateTime(prefix + "created_at"), row.getOffsetDateTime(prefix + "edited_at"),
                row.getOffsetDateTime(prefix + "deleted_at"), replyTo(row, prefix));
    }

    /** The reply columns of a row (null for a message that answers none). */
    static ReplyTo replyTo(Row row, String prefix) {
        UUID original = row.getUUID(prefix + "reply_to_id");
        if (original == null) {
            return null;
        }
        String excerpt = row.getString(prefix + "reply_excerpt");
        return new ReplyTo(original, row.getLong(prefix + "reply_to_seq"), row.getUUID(prefix + "reply_to_sender"), excerpt == null ? "" : excerpt);
    }

    static List<AttachmentRecord> attachments(String json) {
        if (json == null || json.equals("[]")) {
            return List.of();
        }
        return new JsonArray(json).stream()
                .map(o -> ((JsonObject) o).mapTo(AttachmentRecord.class))
                .toList();
    }

    /** A JSON array (not a string), so the client sends it as jsonb. */
    static JsonArray attachmentsJson(List<AttachmentRecord> records) {
        return new JsonArray(records.stream().map(JsonObject::mapFrom).toList());
    }
}
