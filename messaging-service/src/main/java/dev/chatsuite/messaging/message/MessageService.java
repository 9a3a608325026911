package dev.chatsuite.messaging.message;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.resteasy.reactive.multipart.FileUpload;

import dev.chatsuite.common.id.Uuids;
import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.messaging.MessagingConfig;
import dev.chatsuite.messaging.MessagingProblem;
import dev.chatsuite.messaging.attachment.AttachmentRecord;
import dev.chatsuite.messaging.attachment.Attachments;
import dev.chatsuite.messaging.caller.Caller;
import dev.chatsuite.messaging.participant.Participants;
import dev.chatsuite.messaging.message.MessageRepository.Posted;
import dev.chatsuite.messaging.page.Cursors;
import dev.chatsuite.messaging.page.Page;
import dev.chatsuite.messaging.readside.Reads;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.pgclient.PgException;

/**
 * The rules for messages: who may post, edit, delete and read; the body and attachment
 * limits; idempotent posts by {@code clientMessageId}; events after every committed change.
 */
@ApplicationScoped
public class MessageService {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final int MAX_CLIENT_ID = 64;
    private final MessageRepository messages;
    private final Participants participants;
    private final Attachments attachments;
    private final MessageViews views;
    private final MessagingConfig config;
    private final Reactions reactions;
    private final Reads reads;
    private final PostRouter posts;
    private final EventPublisher events;

    public MessageService(MessageRepository messages, Participants participants, Attachments attachments, MessageViews views,
            MessagingConfig config, Reactions reactions, Reads reads, PostRouter posts, EventPublisher events) {
        this.posts = posts;
        this.events = events;
        this.reactions = reactions;
        this.reads = reads;
        this.messages = messages;
        this.participants = participants;
        this.attachments = attachments;
        this.views = views;
        this.config = config;
    }

    /** A stored message and whether this call created it (201) or found an earlier post with the same clientMessageId (200). */
    public record Outcome(MessageView message, boolean created) {
    }

    public Uni<Outcome> post(Caller caller, UUID conversation, PostMessageRequest request) {
        String body = request.body() == null ? "" : request.body();
        List<UUID> ids = request.attachmentIds() == null ? List.of() : request.attachmentIds();
        validate(body, !ids.isEmpty(), request.clientMessageId());
        if (ids.isEmpty()) {
            // The insert checks membership itself, and a retried clientMessageId fails on its unique
            // key and finds the first message: one round trip for the common post.
            return store(caller, conversation, body, List.of(), request.clientMessageId(), request.replyToId());
        }
        return requireParticipant(caller, conversation)
                .chain(() -> existing(caller, conversation, request.clientMessageId()))
                .chain(found -> found.isPresent()
                        ? Uni.createFrom().item(new Outcome(views.of(found.get()), false))
                        : attachments.resolve(caller, ids)
                                .chain(records -> store(caller, conversation, body, records, request.clientMessageId(), request.replyToId())));
    }

    /** A multipart post: the files go to media-service first; if the message cannot be stored they are removed again. */
    public Uni<Outcome> post(Caller caller, UUID conversation, String body, List<FileUpload> files, String clientMessageId, UUID replyToId) {
        String text = body == null ? "" : body;
        List<FileUpload> uploads = files == null ? List.of() : files;
        if (uploads.size() > config.maxAttachments()) {
            throw ProblemException.badRequest("Too many files; see errors.", List.of(new FieldError("files", "At most " + config.maxAttachments() + " files.")));
        }
        validate(text, !uploads.isEmpty(), clientMessageId);
        return requireParticipant(caller, conversation)
                .chain(() -> existing(caller, conversation, clientMessageId))
                .chain(found -> {
                    if (found.isPresent()) {
                        return Uni.createFrom().item(new Outcome(views.of(found.get()), false));
                    }
                    return attachments.upload(caller, uploads).chain(records -> store(caller, conversation, text, records, clientMessageId, replyToId)
                            .onFailure().call(() -> attachments.discard(caller, records)));
                });
    }

    private Uni<Outcome> store(Caller caller, UUID conversation, String body, List<AttachmentRecord> records, String clientMessageId,
            UUID replyToId) {
        boolean plain = records.isEmpty() && replyToId == null;
        Uni<Optional<Posted>> insert = plain
                ? posts.post(conversation, new MessageRepository.Draft(Uuids.v7(), caller.userId(), body, clientMessageId, now()))
                : messages.insert(Uuids.v7(), conversation, caller.userId(), body, records, clientMessageId, replyToId, now());
        return insert
                .chain(stored -> stored.isPresent() || replyToId == null ? Uni.createFrom().item(stored)
                        // Nothing stored: either not a participant (404) or a reply to a message of another conversation (400).
                        : requireParticipant(caller, conversation).chain(() -> Uni.createFrom().<Optional<Posted>>failure(notInConversation())))
                .chain(stored -> {
                    Posted posted = stored.orElseThrow(MessageService::notFound);
                    reads.posted(caller.userId(), conversation, posted.message().seq());
                    Outcome outcome = new Outcome(views.of(posted.message()), true);
                    // A plain post was published where it was stored (PostRouter).
                    return plain ? Uni.createFrom().item(outcome) : events.created(posted).replaceWith(outcome);
                })
                .onFailure(PgException.class).recoverWithUni(e -> {
                    if (UNIQUE_VIOLATION.equals(((PgException) e).getSqlState()) && clientMessageId != null) {
                        // A retry, or a concurrent one that won the race: answer the first message.
                        return existing(caller, conversation, clientMessageId).map(found -> new Outcome(views.of(found.orElseThrow()), false));
                    }
                    return Uni.createFrom().failure(e);
                });
    }

    public Uni<MessageView> edit(Caller caller, UUID messageId, EditMessageRequest request) {
        String body = request == null || request.body() == null ? "" : request.body();
        return ownMessage(caller, messageId).chain(message -> {
            if (message.deletedAt() != null) {
                return Uni.createFrom().failure(deleted());
            }
            validate(body, !message.attachments().isEmpty(), null);
            return messages.edit(message.conversationId(), messageId, body, now()).chain(edited -> {
                StoredMessage stored = edited.orElseThrow(MessageService::deleted);
                reads.changed(caller.userId(), message.conversationId());
                return Uni.combine().all().unis(participants.of(message.conversationId()), reactions.tally(messageId)).asTuple()
                        .chain(both -> {
                            // `me` differs by recipient: one frame per set of emoji the recipients reacted with.
                            List<Uni<Void>> sends = new ArrayList<>();
                            both.getItem2().groups(both.getItem1()).forEach((emoji, users) -> {
                                MessageView view = views.of(stored, both.getItem2().seenBy(users.get(0)));
                                sends.add(events.publish(users, Events.updated(view)));
                            });
                            Uni<?> sent = sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andCollectFailures();
                            return sent.replaceWith(views.of(stored, both.getItem2().seenBy(caller.userId())));
                        });
            });
        });
    }

    public Uni<Void> delete(Caller caller, UUID messageId) {
        return ownMessage(caller, messageId).chain(message -> {
            if (message.deletedAt() != null) {
                return Uni.createFrom().voidItem();
            }
            return messages.tombstone(message.conversationId(), messageId, now()).invoke(() -> reads.changed(caller.userId(), message.conversationId()))
                    .chain(tombstone -> tombstone.isEmpty()
                    ? Uni.createFrom().voidItem()
                    : attachments.discard(caller, message.attachments())
                            .chain(() -> participants.of(message.conversationId()))
                            .chain(users -> events.publish(users, Events.deleted(message))));
        });
    }

    public Uni<Void> markRead(Caller caller, UUID conversation, ReadRequest request) {
        if (request == null || request.seq() == null || request.seq() < 0) {
            throw ProblemException.badRequest("The read marker is not valid; see errors.", List.of(new FieldError("seq", "Must be a number of 0 or more.")));
        }
        return messages.markRead(conversation, caller.userId(), request.seq()).chain(marker -> {
            if (marker.isEmpty()) {
                return Uni.createFrom().failure(notFound());
            }
            reads.changed(caller.userId(), conversation);
            return participants.of(conversation)
                    .chain(users -> events.publish(users, Events.read(conversation, caller.userId(), marker.get())));
        });
    }

    public Uni<Page<MessageView>> history(Caller caller, UUID conversation, Long after, Long before, Integer limit, String cursor) {
        int size = Cursors.limit(limit);
        Long afterSeq = after;
        Long beforeSeq = before;
        if (cursor != null) {
            Cursors.SeqPosition position = Cursors.seqPosition(cursor);
            if (position.after()) {
                afterSeq = position.seq();
            } else {
                beforeSeq = position.seq();
            }
        }
        if (afterSeq != null && beforeSeq != null && cursor == null) {
            throw Cursors.invalid("after", "Use either after or before, not both.");
        }
        Long fromSeq = afterSeq;
        Long toSeq = beforeSeq;
        // Membership on the primary (who may read is never stale); the page itself where Reads says.
        return requireParticipant(caller, conversation).chain(() -> reads.history(caller.userId(), conversation, db -> {
            if (fromSeq != null) {
                return messages.after(db, conversation, fromSeq, size).chain(list -> {
                    boolean more = list.size() > size;
                    List<StoredMessage> page = more ? list.subList(0, size) : list;
                    return page(db, caller, page, more ? Cursors.seqCursor(true, page.get(page.size() - 1).seq()) : null);
                });
            }
            return messages.before(db, conversation, toSeq, size).chain(list -> {
                boolean more = list.size() > size;
                List<StoredMessage> page = more ? list.subList(1, list.size()) : list;
                return page(db, caller, page, more ? Cursors.seqCursor(false, page.get(0).seq()) : null);
            });
        }));
    }

    private Uni<Page<MessageView>> page(SqlClient db, Caller caller, List<StoredMessage> stored, String next) {
        return reactions.of(db, stored.stream().map(StoredMessage::id).toList(), caller.userId()).map(found -> {
            List<MessageView> items = new ArrayList<>(stored.size());
            stored.forEach(m -> items.add(views.of(m, found.get(m.id()))));
            return new Page<>(items, next);
        });
    }

    private Uni<StoredMessage> ownMessage(Caller caller, UUID messageId) {
        return messages.visibleTo(messageId, caller.userId()).map(found -> {
            StoredMessage message = found.orElseThrow(() -> ProblemException.notFound("No message with this id is visible to you."));
            if (!message.senderId().equals(caller.userId())) {
                throw ProblemException.forbidden("Only the sender may change this message.");
            }
            return message;
        });
    }

    private Uni<Void> requireParticipant(Caller caller, UUID conversation) {
        return participants.isParticipant(conversation, caller.userId()).map(yes -> {
            if (!yes) {
                throw notFound();
            }
            return null;
        });
    }

    private Uni<Optional<StoredMessage>> existing(Caller caller, UUID conversation, String clientMessageId) {
        return clientMessageId == null ? Uni.createFrom().item(Optional.empty()) : messages.byClientId(conversation, caller.userId(), clientMessageId);
    }

    private void validate(String body, boolean hasAttachments, String clientMessageId) {
        List<FieldError> errors = new ArrayList<>();
        if (body.length() > config.maxBodyChars()) {
            errors.add(new FieldError("body", "At most " + config.maxBodyChars() + " characters."));
        } else if (body.isBlank() && !hasAttachments) {
            errors.add(new FieldError("body", "Must not be empty unless the message has attachments."));
        }
        if (clientMessageId != null && (clientMessageId.isEmpty() || clientMessageId.length() > MAX_CLIENT_ID)) {
            errors.add(new FieldError("clientMessageId", "Between 1 and " + MAX_CLIENT_ID + " characters."));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The message is not valid; see errors.", errors);
        }
    }

    private static ProblemException deleted() {
        return MessagingProblem.MESSAGE_DELETED.exception("A deleted message cannot be edited.");
    }

    static ProblemException notInConversation() {
        return ProblemException.badRequest("A reply must answer a message of the same conversation.",
                List.of(new FieldError("replyToId", "Not a message of this conversation.")));
    }

    static ProblemException notFound() {
        return ProblemException.notFound("No conversation with this id is visible to you.");
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
