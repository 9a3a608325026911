package dev.chatsuite.messaging.conversation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chatsuite.common.id.Uuids;
import dev.chatsuite.common.problem.FieldError;
import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.common.time.Timestamps;
import dev.chatsuite.messaging.MessagingConfig;
import dev.chatsuite.messaging.MessagingProblem;
import dev.chatsuite.messaging.caller.Caller;
import dev.chatsuite.messaging.directory.Directory;
import dev.chatsuite.messaging.fanout.Broker;
import dev.chatsuite.messaging.fanout.Publication;
import dev.chatsuite.messaging.message.MessageViews;
import dev.chatsuite.messaging.message.ReactionView;
import dev.chatsuite.messaging.message.Reactions;
import dev.chatsuite.messaging.page.Cursors;
import dev.chatsuite.messaging.page.Page;
import dev.chatsuite.messaging.readside.Reads;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

/** The rules for conversations: one direct conversation per pair, groups of one tenant, who may see and change membership. */
@ApplicationScoped
public class ConversationService {

    private static final int MAX_TITLE = 100;
    private final ConversationRepository conversations;
    private final Directory directory;
    private final MessageViews messageViews;
    private final MessagingConfig config;
    private final Reactions reactions;
    private final Reads reads;
    private final Broker broker;

    public ConversationService(ConversationRepository conversations, Directory directory, MessageViews messageViews, MessagingConfig config,
            Reactions reactions, Reads reads, Broker broker) {
        this.broker = broker;
        this.reactions = reactions;
        this.reads = reads;
        this.conversations = conversations;
        this.directory = directory;
        this.messageViews = messageViews;
        this.config = config;
    }

    /** A conversation and whether this call created it. */
    public record Outcome(ConversationView conversation, boolean created) {
    }

    public Uni<Outcome> create(Caller caller, CreateConversationRequest request) {
        if (request == null || request.type() == null) {
            throw invalid("type", "Must be direct or group.");
        }
        return switch (request.type()) {
            case "direct" -> direct(caller, request.participantId());
            case "group" -> group(caller, request.title(), request.participantIds());
            default -> throw invalid("type", "Must be direct or group.");
        };
    }

    private Uni<Outcome> direct(Caller caller, UUID other) {
        if (other == null) {
            throw invalid("participantId", "Required for a direct conversation.");
        }
        if (other.equals(caller.userId())) {
            throw invalid("participantId", "A direct conversation needs another user.");
        }
        String key = directKey(caller.userId(), other);
        return conversations.directByKey(key).chain(existing -> {
            if (existing.isPresent()) {
                return view(caller, existing.get()).map(v -> new Outcome(v, false));
            }
            return directory.requireVisible(caller, List.of(other))
                    .chain(() -> conversations.createDirect(Uuids.v7(), key, caller.tenantId(), caller.userId(), List.of(caller.userId(), other), now()))
                    .chain(created -> conversations.directByKey(key)
                            .invoke(id -> id.ifPresent(c -> reads.changed(caller.userId(), c)))
                            .call(id -> created && id.isPresent() ? joined(id.get(), List.of(caller.userId(), other)) : Uni.createFrom().voidItem())
                            .chain(id -> view(caller, id.orElseThrow()))
                            .map(v -> new Outcome(v, created)));
        });
    }

    private Uni<Outcome> group(Caller caller, String title, List<UUID> participantIds) {
        List<FieldError> errors = new ArrayList<>();
        String name = title == null ? "" : title.strip();
        if (name.isEmpty() || name.length() > MAX_TITLE) {
            errors.add(new FieldError("title", "Between 1 and " + MAX_TITLE + " characters."));
        }
        Set<UUID> others = new LinkedHashSet<>(participantIds == null ? List.of() : participantIds);
        others.remove(null);
        others.remove(caller.userId());
        if (others.size() > config.maxGroupSize()) {
            errors.add(new FieldError("participantIds", "At most " + config.maxGroupSize() + " participants."));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The conversation is not valid; see errors.", errors);
        }
        List<UUID> members = new ArrayList<>();
        members.add(caller.userId());
        members.addAll(others);
        UUID id = Uuids.v7();
        return directory.requireVisible(caller, others)
                .chain(() -> conversations.createGroup(id, name, caller.tenantId(), caller.userId(), members, now()))
                .invoke(() -> reads.changed(caller.userId(), id))
                .call(() -> joined(id, members))
                .chain(() -> view(caller, id))
                .map(v -> new Outcome(v, true));
    }

    public Uni<ConversationView> get(Caller caller, UUID id) {
        return view(caller, id);
    }

    public Uni<Page<ConversationView>> list(Caller caller, Integer limit, String cursor) {
        int size = Cursors.limit(limit);
        OffsetDateTime activity = null;
        UUID after = null;
        if (cursor != null) {
            Cursors.ActivityPosition position = Cursors.activityPosition(cursor);
            activity = position.activity();
            after = position.id();
        }
        OffsetDateTime afterActivity = activity;
        UUID afterId = after;
        return reads.conversations(caller.userId(), db -> conversations.page(db, caller.userId(), afterActivity, afterId, size).chain(rows -> {
            boolean more = rows.size() > size;
            List<StoredConversation> page = more ? rows.subList(0, size) : rows;
            String next = more ? Cursors.activityCursor(page.get(page.size() - 1).activity(), page.get(page.size() - 1).id()) : null;
            return withReactions(db, caller, page).map(views -> new Page<>(views, next));
        }));
    }

    /** Any participant adds someone of their tenant to a group; adding a member again changes nothing (200). */
    public Uni<Outcome> addMember(Caller caller, UUID conversation, AddMemberRequest request) {
        if (request == null || request.userId() == null) {
            throw invalid("userId", "Required.");
        }
        return view(caller, conversation).chain(current -> {
            if (!"group".equals(current.type())) {
                return Uni.createFrom().failure(ProblemException.forbidden("Members can be added only to group conversations."));
            }
            if (current.participantIds().contains(request.userId().toString())) {
                return Uni.createFrom().item(new Outcome(current, false));
            }
            if (current.participantIds().size() > config.maxGroupSize()) {
                return Uni.createFrom().failure(MessagingProblem.GROUP_FULL.exception("The group already has the most participants allowed."));
            }
            return directory.requireVisible(caller, List.of(request.userId()))
                    .chain(() -> conversations.addParticipants(conversation, List.of(request.userId()), now()))
                    .invoke(() -> reads.changed(caller.userId(), conversation))
                    .call(() -> joined(conversation, List.of(request.userId())))
                    .chain(() -> view(caller, conversation))
                    .map(v -> new Outcome(v, true));
        });
    }

    /** A member may remove only themselves (leave the group). */
    public Uni<Void> removeMember(Caller caller, UUID conversation, UUID user) {
        return view(caller, conversation).chain(current -> {
            if (!user.equals(caller.userId())) {
                return Uni.createFrom().failure(ProblemException.forbidden("You may remove only yourself from a conversation."));
            }
            if (!"group".equals(current.type())) {
                return Uni.createFrom().failure(ProblemException.forbidden("Nobody can leave a direct conversation."));
            }
            return conversations.removeParticipant(conversation, user).invoke(() -> reads.changed(user, conversation)).replaceWithVoid();
        });
    }

    /** The instances of {@code members}' sockets start to follow the conversation; if this fails, their next socket does. */
    private Uni<Void> joined(UUID conversation, List<UUID> members) {
        return broker.publish(members, Publication.joined(conversation)).onFailure().recoverWithNull();
    }

    private Uni<ConversationView> view(Caller caller, UUID id) {
        return conversations.visibleTo(id, caller.userId())
                .chain(found -> withReactions(caller,
                        List.of(found.orElseThrow(() -> ProblemException.notFound("No conversation with this id is visible to you.")))))
                .map(views -> views.get(0));
    }

    /** The views, each lastMessage with its reactions as the caller sees them (one query for the lot). */
    private Uni<List<ConversationView>> withReactions(Caller caller, List<StoredConversation> page) {
        return withReactions(caller, page, ids -> reactions.of(ids, caller.userId()));
    }

    /** The same, the reactions read with {@code db} (the pool the page came from). */
    private Uni<List<ConversationView>> withReactions(SqlClient db, Caller caller, List<StoredConversation> page) {
        return withReactions(caller, page, ids -> reactions.of(db, ids, caller.userId()));
    }

    private Uni<List<ConversationView>> withReactions(Caller caller, List<StoredConversation> page,
            Function<List<UUID>, Uni<Map<UUID, List<ReactionView>>>> reactionsOf) {
        List<UUID> lastMessages = page.stream().filter(c -> c.lastMessage() != null).map(c -> c.lastMessage().id()).toList();
        return reactionsOf.apply(lastMessages)
                .map(found -> page.stream().map(c -> view(c, c.lastMessage() == null ? null : found.get(c.lastMessage().id()))).toList());
    }

    private ConversationView view(StoredConversation c, List<ReactionView> lastMessageReactions) {
        return new ConversationView(c.id().toString(), c.type(), c.title(), c.participants().stream().map(UUID::toString).toList(),
                messageViews.of(c.lastMessage(), lastMessageReactions), c.lastSeq(), Math.max(0, c.lastSeq() - c.lastReadSeq()),
                Timestamps.format(c.createdAt().toInstant()), Timestamps.format(c.updatedAt().toInstant()));
    }

    static String directKey(UUID a, UUID b) {
        return a.toString().compareTo(b.toString()) < 0 ? a + ":" + b : b + ":" + a;
    }

    private static ProblemException invalid(String field, String message) {
        return ProblemException.badRequest("The request is not valid; see errors.", List.of(new FieldError(field, message)));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
